import { planCapacity, recommendReplicas, targetInstances } from './capacity';
import { aScenario } from '../test/a-scenario';
import type { Scenario } from './scenario';

type CapacityParams = Scenario['capacity'];

/** The default: 20 000 units an instance-hour at 70% → 14 000 units per instance, 10 c/h, ≥ 2. */
function capacityParams(overrides: Partial<CapacityParams> = {}): CapacityParams {
  return { ...aScenario().capacity, ...overrides };
}

describe('targetInstances', () => {
  const p = capacityParams();

  it('keeps the minimum running with no demand', () => {
    expect(targetInstances(0, p)).toBe(2);
  });

  it('keeps the minimum when fewer instances would do', () => {
    expect(targetInstances(14_000, p)).toBe(2); // ⌈14 000 / 14 000⌉ = 1
  });

  it('provisions exactly enough instances at the target utilisation', () => {
    expect(targetInstances(70_000, p)).toBe(5); // 70 000 / 14 000 = 5
  });

  it('rounds up to a whole instance', () => {
    expect(targetInstances(70_001, p)).toBe(6);
    expect(targetInstances(100_000, p)).toBe(8); // 7.14… → 8
  });
});

describe('planCapacity', () => {
  const units = [10_000, 70_000, 100_000, 0, 30_000];

  it('provisions for the demand of an hour ago, starting from the minimum', () => {
    expect(planCapacity(units, capacityParams())).toEqual([
      // no history yet: 2 instances serve 40 000; 10 000/40 000 = 0.25; 2 × 10 c
      { hour: 0, demandUnits: 10_000, instances: 2, utilization: 0.25, costCents: 20 },
      // from hour 0: ⌈10 000/14 000⌉ = 1 → min 2; 70 000/40 000 = 1.75
      { hour: 1, demandUnits: 70_000, instances: 2, utilization: 1.75, costCents: 20 },
      // from hour 1: 70 000/14 000 = 5 → serve 100 000; 100 000/100 000 = 1
      { hour: 2, demandUnits: 100_000, instances: 5, utilization: 1, costCents: 50 },
      // from hour 2: ⌈7.14⌉ = 8 → serve 160 000; idle
      { hour: 3, demandUnits: 0, instances: 8, utilization: 0, costCents: 80 },
      // from hour 3: 0 → min 2; 30 000/40 000 = 0.75
      { hour: 4, demandUnits: 30_000, instances: 2, utilization: 0.75, costCents: 20 },
    ]);
  });

  it('follows demand within the hour when there is no provisioning delay', () => {
    const plan = planCapacity(units, capacityParams({ provisionDelayHours: 0 }));
    expect(plan.map((h) => h.instances)).toEqual([2, 5, 8, 2, 3]); // 30 000/14 000 = 2.14 → 3
    expect(plan[1]?.utilization).toBeCloseTo(0.7, 12); // 70 000 / 100 000
  });

  it('runs the minimum for as many hours as the delay before it sees any demand', () => {
    const plan = planCapacity(units, capacityParams({ provisionDelayHours: 2 }));
    expect(plan.map((h) => h.instances)).toEqual([2, 2, 2, 5, 8]);
  });
});

describe('recommendReplicas', () => {
  const policy = { lagPerReplica: 100, minReplicas: 1, maxReplicas: 6 };
  it('asks for one replica per lagPerReplica messages behind', () => {
    expect(recommendReplicas(0, policy)).toBe(1);
    expect(recommendReplicas(100, policy)).toBe(1);
    expect(recommendReplicas(101, policy)).toBe(2);
    expect(recommendReplicas(450, policy)).toBe(5);
  });
  it('never goes past the partition count or below the minimum', () => {
    expect(recommendReplicas(1_000_000, policy)).toBe(6);
    expect(recommendReplicas(-5, { ...policy, minReplicas: 2 })).toBe(2);
  });
});
