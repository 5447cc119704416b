import { scenarioFile } from '../../../tests/support/scenarios';
import { planSweep } from './plan';
import { numericPaths, withValueAt } from './scenario-paths';
import { SweepUsageError } from './sweep-usage-error';

const base = scenarioFile('default');
const seeds = [1, 2, 3, 4, 5];

describe('planSweep', () => {
  it('runs each point with each seed, scaled, with the value set before scaling', () => {
    const { points, jobs } = planSweep(
      base,
      [{ path: 'shops.count', values: [100, 200] }],
      seeds,
      0.1,
    );
    expect(points).toHaveLength(2);
    expect(jobs).toHaveLength(10);
    expect(jobs.map((j) => [j.point, j.seed])).toEqual(
      [0, 1].flatMap((p) => seeds.map((s) => [p, s])),
    );
    expect(jobs[0]?.scenario.seed).toBe(1);
    expect(jobs[0]?.scenario.shops.count).toBe(10);
    expect(jobs[9]?.scenario.shops.count).toBe(20);
    expect(jobs[9]?.scenario.demand.ordersPerHour).toBe(base.demand.ordersPerHour * 0.1);
  });

  it('rejects an unknown path, naming it and the numeric paths near it', () => {
    const plan = () => planSweep(base, [{ path: 'payments.comissionRate', values: [1] }], seeds, 1);
    expect(plan).toThrow(SweepUsageError);
    expect(plan).toThrow(
      /--param payments.comissionRate: not in the scenario; numeric paths near it: payments.commissionRate/,
    );
  });

  it('rejects a path to a group rather than a number, listing the numbers in it', () => {
    expect(() => planSweep(base, [{ path: 'shops.award', values: [1] }], seeds, 1)).toThrow(
      /shops.award: a group, not a number; numeric paths near it: .*shops.award.price/,
    );
  });

  it('reports a value the scenario schema refuses by its field', () => {
    expect(() =>
      planSweep(base, [{ path: 'payments.commissionRate', values: [0.05, 1.5] }], seeds, 1),
    ).toThrow(/scenario.payments.commissionRate: expected a number from 0 to 1, got 1.5/);
    expect(() =>
      planSweep(base, [{ path: 'shops.workshopsInvited', values: [2.5] }], seeds, 1),
    ).toThrow(/scenario.shops.workshopsInvited: expected a positive integer/);
  });

  it('leaves the seed to --seeds', () => {
    expect(() => planSweep(base, [{ path: 'seed', values: [1] }], seeds, 1)).toThrow(/--seeds/);
  });
});

describe('scenario paths', () => {
  it('lists nested and indexed numbers, and not the seed', () => {
    const paths = numericPaths(base);
    expect(paths).toEqual(
      expect.arrayContaining([
        'payments.commissionRate',
        'shops.award.price',
        'categories.0.materialCents',
        'demand.hourlyCurve.23',
      ]),
    );
    expect(paths).not.toContain('seed');
  });

  it('sets a number the scenario left out, making its group on the way', () => {
    expect(base.platform).toBeUndefined();
    const { jobs } = planSweep(base, [{ path: 'platform.visibleShops', values: [10] }], seeds, 1);
    expect(jobs[0]?.scenario.platform?.visibleShops).toBe(10);
    expect(base.platform).toBeUndefined();
  });

  it('sweeps automation’s numbers on a scenario that automates, and names what a bare one lacks', () => {
    const automation = scenarioFile('automation');
    const path = 'workshops.automation.capitalCentsPerLineDay';
    const { jobs } = planSweep(automation, [{ path, values: [0, 6000] }], seeds, 1);
    expect(jobs.map((j) => j.scenario.workshops.automation?.capitalCentsPerLineDay)).toEqual([
      0, 0, 0, 0, 0, 6000, 6000, 6000, 6000, 6000,
    ]);
    expect(() =>
      planSweep(base, [{ path: 'workshops.automation.share', values: [0.5] }], seeds, 1),
    ).toThrow(
      /scenario.workshops.automation.minutesFactor: expected a number in \(0, 1\), got nothing/,
    );
  });

  it('sets a number in a copy, leaving the scenario as it was', () => {
    const changed = withValueAt(base, 'shops.award.price', 0.5);
    expect(changed.shops.award.price).toBe(0.5);
    expect(base.shops.award.price).toBe(1);
  });
});
