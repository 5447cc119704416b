import type { GridPoint } from './grid';
import { summarizeRuns, type RunRow } from './summary';
import { runsTable, summaryJson, summaryTable, toCsv } from './sweep-tables';

const params = [
  { path: 'payments.commissionRate', values: [0.02, 0.1] },
  { path: 'shops.workshopsInvited', values: [3] },
];
const points: GridPoint[] = [
  { index: 0, values: { 'payments.commissionRate': 0.02, 'shops.workshopsInvited': 3 } },
  { index: 1, values: { 'payments.commissionRate': 0.1, 'shops.workshopsInvited': 3 } },
];
const kpis = ['placed', 'nightShare'];
const runs: RunRow[] = points.flatMap((p) =>
  [1, 2, 3, 4, 5].map((seed) => ({
    point: p.index,
    seed,
    kpis: { placed: 100 * (p.index + 1) + seed, nightShare: NaN },
  })),
);

describe('runs.csv', () => {
  it('has a column per swept path, then seed, then each KPI, and a row per point and seed', async () => {
    const csv = await toCsv(runsTable(params, kpis, points, runs));
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('payments.commissionRate,shops.workshopsInvited,seed,placed,nightShare');
    expect(lines).toHaveLength(1 + 10);
    expect(lines[1]).toBe('0.02,3,1,101,');
    expect(lines[10]).toBe('0.1,3,5,205,');
  });
});

describe('summary.csv and summary.json', () => {
  const summary = summarizeRuns(points, runs, kpis);

  it('has the paths, n, and mean, sd and the interval of each KPI', async () => {
    const csv = await toCsv(summaryTable(params, kpis, summary));
    const [head, first] = csv.trimEnd().split('\n');
    expect(head).toBe(
      'payments.commissionRate,shops.workshopsInvited,n,placed.mean,placed.sd,placed.ci95Low,placed.ci95High,' +
        'nightShare.mean,nightShare.sd,nightShare.ci95Low,nightShare.ci95High',
    );
    // placed 101..105: mean 103, sd √2.5, half-width 1.9632.
    expect(first).toBe('0.02,3,5,103,1.58113883,101.0367568,104.9632432,,,,');
  });

  it('writes a missing KPI as null in JSON', () => {
    const json = JSON.parse(
      JSON.stringify(summaryJson({ scenario: 's', scale: 1, seeds: [1], params }, kpis, summary)),
    ) as { points: { params: object; n: number; kpis: Record<string, Record<string, unknown>> }[] };
    expect(json.points).toHaveLength(2);
    expect(json.points[1]?.params).toEqual(points[1]?.values);
    expect(json.points[1]?.kpis.placed?.mean).toBe(203);
    expect(json.points[1]?.kpis.nightShare).toEqual({
      mean: null,
      sd: null,
      ci95Low: null,
      ci95High: null,
    });
  });
});
