import { runDes } from '@weft/engine-des';
import { smallDay } from '../../../tests/support/scenarios';
import { KPI_NAMES, kpiRow } from './kpis';

const scenario = smallDay('split', 60);
const report = runDes(scenario);

describe('the KPI row of a run', () => {
  it('has every column, in the table order', () => {
    expect(Object.keys(kpiRow(report, scenario))).toEqual(KPI_NAMES);
  });

  it('is the same for the same seed: no wall-clock figure in it', () => {
    const again = runDes(scenario);
    expect(again.run.startedAt).not.toBe('');
    expect(kpiRow(again, scenario)).toEqual(kpiRow(report, scenario));
  });

  it('reads NaN where the report lacks a field being added to it', () => {
    const row = kpiRow(report, scenario);
    for (const k of ['over11hShare', 'nightShare', 'wageBillShare', 'ownersMarginShare'])
      expect([k, row[k]]).toEqual([k, NaN]);
  });

  it('reads a field being added once a report has it', () => {
    const ahead = {
      ...report,
      workshops: { ...report.workshops, wageBill: report.prices.gmvCents / 4 },
    };
    expect(kpiRow(ahead, scenario).wageBillShare).toBe(0.25);
  });
});

describe('the price split columns', () => {
  it('split the consumer price into parts that add up to it', () => {
    const row = kpiRow(report, scenario);
    const parts = [
      'materialShare',
      'labourShare',
      'workshopMarginShare',
      'shopShare',
      'platformShare',
    ];
    const total = parts.reduce((a, k) => a + (row[k] ?? NaN), 0);
    expect(total).toBeCloseTo(1, 3);
    for (const k of parts) expect([k, row[k]]).toEqual([k, expect.any(Number)]);
    expect(row.platformShare).toBeCloseTo(scenario.payments.commissionRate, 4);
  });
});
