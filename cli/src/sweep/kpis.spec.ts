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

  it('reads the hours and the labour accounts from the report', () => {
    const row = kpiRow(report, scenario);
    expect(row.hoursPerWorkerDayP90).toBe(report.workshops.hoursPerWorkerDay.p90);
    expect(row.wageBillShare).toBeCloseTo(report.workshops.wageBill / report.prices.gmvCents, 6);
  });

  it('reads NaN where a ratio has nothing to divide by', () => {
    const empty = { ...report, prices: { ...report.prices, gmvCents: 0 } };
    expect(kpiRow(empty, scenario).wageBillShare).toBeNaN();
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
