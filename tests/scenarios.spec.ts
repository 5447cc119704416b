/** The shipped scenarios show what the model is for; each claim is checked on a full run. */
import type { RunReport } from '@weft/telemetry';
import { runDes } from '@weft/engine-des';
import { scenarioFile } from './support/scenarios';

const runs = new Map<string, RunReport>();
function run(name: string): RunReport {
  let r = runs.get(name);
  if (!r) {
    r = runDes(scenarioFile(name));
    runs.set(name, r);
  }
  return r;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('the shipped scenarios', () => {
  it('default: workshops produce in every hour of the day, and the books balance', () => {
    const r = run('default');
    expect(r.workshops.utilizationByHour).toHaveLength(24);
    for (const u of r.workshops.utilizationByHour) expect(u).toBeGreaterThan(0);
    expect(r.orders.placed).toBeGreaterThan(10_000);
    expect(r.ledger.sum).toBe(0);
    expect(r.orders.delivered + r.orders.cancelled + r.orders.open).toBe(r.orders.placed);
  });

  it('wage-squeeze: more workshops than demand shows as under-employment, mark-ups no higher', () => {
    const base = run('default');
    const squeeze = run('wage-squeeze');
    expect(squeeze.workshops.count).toBeGreaterThan(base.workshops.count);
    // The default world's bidding already holds mark-ups near their floor; four times the
    // workshops cannot push them much lower, but leaves each worker far fewer hours.
    expect(squeeze.workshops.meanMarkup).toBeLessThanOrEqual(base.workshops.meanMarkup);
    expect(squeeze.workshops.hoursPerWorkerPerDay).toBeLessThan(
      base.workshops.hoursPerWorkerPerDay * 0.5,
    );
    expect(squeeze.workshops.workerIncomePerWorkerDay).toBeLessThan(
      base.workshops.workerIncomePerWorkerDay * 0.5,
    );
  });

  it('hours-cap: no worker-day past 12 h, and the nights are left to the night crews', () => {
    const base = run('default');
    const capped = run('hours-cap');
    // Bins from 13 h up: days of more than the cap (the bin [12, 13) holds exactly 12 h).
    const overCap = (r: RunReport) =>
      r.workshops.hoursPerWorkerDay.histogram.slice(13).reduce((a, b) => a + b, 0);
    expect(overCap(base)).toBeGreaterThan(0);
    expect(overCap(capped)).toBe(0);
    expect(capped.workshops.hoursPerWorkerDay.p90).toBeLessThanOrEqual(12);
    // At night only the night crews work now.
    expect(capped.workshops.hoursPerWorkerDay.nightShare).toBeLessThan(
      base.workshops.hoursPerWorkerDay.nightShare,
    );
    expect(capped.workshops.overtimeHoursPerWorkerPerDay).toBe(0);
    expect(capped.workshops.hoursPerWorkerDay.nightWorkerDayShare).toBeLessThan(
      base.workshops.hoursPerWorkerDay.nightWorkerDayShare,
    );
  });

  it('every run: the wage bill, the owners’ margin and material add up to the workshops’ revenue', () => {
    for (const name of ['default', 'hours-cap', 'wage-squeeze', 'automation']) {
      const w = run(name).workshops;
      expect(w.wageBill + w.ownersMargin + w.material).toBe(w.revenue);
      expect(w.ownersMarginAfterCapital).toBe(w.ownersMargin - w.capitalCost);
      expect(w.wageBill).toBeGreaterThan(0);
      expect(w.revenue).toBeGreaterThan(w.material + w.wageBill);
    }
  });

  it('automation: the automated workshops take the work, but the owners keep less after capital', () => {
    const base = run('default');
    const auto = run('automation');
    const { manual, automated } = auto.workshops.byTechnology;
    // Cheaper bids win: most orders go to the automated half.
    expect(automated.ordersWon).toBeGreaterThan(4 * manual.ordersWon);
    expect(automated.utilization).toBeGreaterThan(2 * manual.utilization);
    // Its owners do better than the manual ones, whose lines stand idle...
    expect(automated.netMarginPerLineDay).toBeGreaterThan(manual.netMarginPerLineDay);
    // ...but the labour saved goes to lower bids: after the machines, the owners keep less
    // than in the world without them.
    expect(auto.workshops.wageBill).toBeLessThan(base.workshops.wageBill * 0.7);
    expect(auto.prices.meanWinningBid).toBeLessThan(base.prices.meanWinningBid);
    expect(auto.workshops.capitalCost).toBeGreaterThan(0);
    expect(auto.workshops.ownersMarginAfterCapital).toBeLessThan(base.workshops.ownersMargin);
  });

  it('lead-time-crunch: wanting delivery within a day raises overtime hours', () => {
    const base = run('default');
    const crunch = run('lead-time-crunch');
    expect(crunch.leadTimeHours.p50).toBeLessThan(base.leadTimeHours.p50);
    expect(crunch.workshops.overtimeHoursPerWorkerPerDay).toBeGreaterThan(
      base.workshops.overtimeHoursPerWorkerPerDay * 1.2,
    );
  });

  it("singles-day: orders placed in the midnight surge wait longer than the same hours' orders on a normal day", () => {
    const base = run('default');
    const surge = run('singles-day');
    const surgeHours = (r: RunReport) => mean(r.series.leadTimeByPlacedHour.slice(0, 2));
    expect(surge.series.placedByHour[0]).toBeGreaterThan(base.series.placedByHour[0] * 5);
    expect(surgeHours(surge)).toBeGreaterThan(surgeHours(base) + 3);
  });
});
