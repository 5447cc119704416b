import { scaleScenario, type Scenario } from './scenario';

const world = {
  name: 'w',
  demand: { ordersPerHour: 3000, shopsCompared: 5, spikes: [] },
  shops: { count: 300, workshopsInvited: 6 },
  workshops: { count: 300 },
} as unknown as Scenario;

describe('scaleScenario', () => {
  it('scales demand, shops and workshops together, so each workshop sees the same load', () => {
    const s = scaleScenario(world, 0.1);
    expect(s.demand.ordersPerHour).toBe(300);
    expect(s.shops.count).toBe(30);
    expect(s.workshops.count).toBe(30);
    expect(s.demand.ordersPerHour / s.workshops.count).toBe(
      world.demand.ordersPerHour / world.workshops.count,
    );
    expect(s.name).toBe('w-x0.1');
  });

  it('keeps enough shops to compare and workshops to invite', () => {
    const s = scaleScenario(world, 0.001);
    expect(s.shops.count).toBe(5);
    expect(s.workshops.count).toBe(6);
  });

  it('leaves the scenario as it is at factor 1', () => {
    expect(scaleScenario(world, 1)).toBe(world);
  });
});
