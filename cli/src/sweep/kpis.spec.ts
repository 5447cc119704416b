import { runDes } from '@weft/engine-des';
import type { RunReport } from '@weft/telemetry';
import { smallDay } from '../../../tests/support/scenarios';
import { KPI_NAMES, kpiRow } from './kpis';
import { materialShareOfCost, priceSplit } from './price-split';

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

describe('priceSplit', () => {
  it('splits the consumer price into parts that add up to it', () => {
    const s = priceSplit(report, scenario);
    expect(report.prices.gmvCents).toBeGreaterThan(0);
    const total = s.material + s.labour + s.workshopMargin + s.shop + s.platform;
    expect(total).toBeCloseTo(1, 9);
    for (const part of Object.values(s)) expect(part).toBeGreaterThan(0);
    expect(s.platform).toBeCloseTo(scenario.payments.commissionRate, 3);
  });

  it('weighs material against material and wages by the category mix', () => {
    // One category: 600 material, 6 minutes of 1.5 workers at 600 an hour = 90 labour.
    const one = {
      ...scenario,
      categories: [
        { name: 't', share: 1, materialCents: 600, minutesPerUnit: 6, referencePriceCents: 1200 },
      ],
    };
    expect(materialShareOfCost(one)).toBeCloseTo(600 / 690, 12);
  });

  it('is NaN when nothing was delivered', () => {
    const none = { ...report, prices: { ...report.prices, gmvCents: 0 } } as RunReport;
    expect(priceSplit(none, scenario).shop).toBeNaN();
  });
});
