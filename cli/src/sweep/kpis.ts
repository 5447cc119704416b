/**
 * The KPI columns of a sweep: a column name and how to read it from a run's report (and
 * the scenario it ran). Adding a column is adding a line. Only simulated figures belong
 * here: a wall-clock one (`report.run`) would make equal seeds give unequal rows.
 */
import type { Scenario } from '@weft/domain';
import type { RunReport } from '@weft/telemetry';

export type SweepReport = RunReport;

type Kpi = (r: SweepReport, s: Scenario) => number | undefined;

const ofGmv = (r: SweepReport, cents: number | undefined) =>
  r.prices.gmvCents > 0 && cents !== undefined ? cents / r.prices.gmvCents : NaN;

const ofWholesale = (r: SweepReport, x: number) => (r.wholesale.wholesalers > 0 ? x : undefined);

/**
 * Hours from the end of the scenario's first demand spike until orders placed are again
 * delivered within 10 % of the lead time of those placed in the day before it; NaN
 * without a spike or without a day before it, and the hours left in the run if it never
 * recovers.
 */
export function spikeRecoveryHours(r: RunReport, s: Scenario): number {
  const spike = s.demand.spikes[0];
  if (!spike || spike.atHour < 24) return NaN;
  const lead = r.series.leadTimeByPlacedHour;
  const before = lead.slice(spike.atHour - 24, spike.atHour).filter((x) => x > 0);
  if (before.length === 0) return NaN;
  const baseline = before.reduce((a, b) => a + b, 0) / before.length;
  const end = spike.atHour + spike.durationHours;
  for (let h = end; h < Math.min(lead.length, s.durationHours); h++)
    if ((lead[h] ?? 0) > 0 && (lead[h] ?? 0) <= baseline * 1.1) return h - end;
  return s.durationHours - end;
}

export const KPIS = {
  placed: (r) => r.orders.placed,
  deliveredShare: (r) => r.orders.deliveredShare,
  cancelledShare: (r) => r.orders.cancelledShare,
  walkedAwayShare: (r) => r.orders.walkedAway / (r.orders.placed + r.orders.walkedAway),
  leadP50: (r) => r.leadTimeHours.p50,
  leadP90: (r) => r.leadTimeHours.p90,
  leadP99: (r) => r.leadTimeHours.p99,
  spikeRecoveryHours: (r, s) => spikeRecoveryHours(r, s),
  onTimeShare: (r) => r.onTimeShare,
  bidsPerRfq: (r) => r.bids.perRfq,
  hoursPerWorkerPerDay: (r) => r.workshops.hoursPerWorkerPerDay,
  overtimeShare: (r) => r.workshops.overtimeShare,
  hoursPerWorkerDayP50: (r) => r.workshops.hoursPerWorkerDay.p50,
  hoursPerWorkerDayP90: (r) => r.workshops.hoursPerWorkerDay.p90,
  over11hShare: (r) => r.workshops.hoursPerWorkerDay.over11hShare,
  idleWorkerDayShare: (r) => r.workshops.hoursPerWorkerDay.idleShare,
  nightShare: (r) => r.workshops.hoursPerWorkerDay.nightShare,
  nightWorkerDayShare: (r) => r.workshops.hoursPerWorkerDay.nightWorkerDayShare,
  meanWinningMarkup: (r) => r.workshops.meanWinningMarkup,
  valueAddedPerWorkerHour: (r) => r.workshops.valueAddedPerWorkerHour,
  meanListing: (r) => r.prices.meanListing,
  meanWinningBid: (r) => r.prices.meanWinningBid,
  gmvCents: (r) => r.prices.gmvCents,
  platformTakeShare: (r) => r.prices.platformTakeShare,
  meanShopMarginShare: (r) => r.prices.meanShopMarginShare,
  shopNetMarginShare: (r) => r.shops.meanNetMarginShare,
  shopNegativeMarginShare: (r) => r.shops.negativeMarginShare,
  shopTopDecileOrderShare: (r) => r.shops.topDecileOrderShare,
  // The consumer's price split of awarded orders, as shares of what consumers paid.
  materialShare: (r) => r.prices.split.material,
  labourShare: (r) => r.prices.split.labour,
  workshopMarginShare: (r) => r.prices.split.workshopMargin,
  shopShare: (r) => r.prices.split.shop,
  platformShare: (r) => r.prices.split.platform,
  // How evenly the categories are loaded, and the worst category's cancellations.
  maxCategoryLoad: (r) => Math.max(...r.byCategory.map((c) => c.load)),
  minCategoryLoad: (r) => Math.min(...r.byCategory.map((c) => c.load)),
  maxCategoryCancelledShare: (r) => Math.max(...r.byCategory.map((c) => c.cancelledShare)),
  workerIncomePerWorkerDay: (r) => r.workshops.workerIncomePerWorkerDay,
  wageBillShare: (r) => ofGmv(r, r.workshops.wageBill),
  ownersMarginShare: (r) => ofGmv(r, r.workshops.ownersMargin),
  // Automation: what the machines cost, and what each technology's owners keep a line-day.
  capitalCostShare: (r) => ofGmv(r, r.workshops.capitalCost),
  ownersMarginAfterCapitalShare: (r) => ofGmv(r, r.workshops.ownersMarginAfterCapital),
  manualNetMarginPerLineDay: (r) => r.workshops.byTechnology?.manual.netMarginPerLineDay,
  automatedNetMarginPerLineDay: (r) => r.workshops.byTechnology?.automated.netMarginPerLineDay,
  manualUtilization: (r) => r.workshops.byTechnology?.manual.utilization,
  automatedUtilization: (r) => r.workshops.byTechnology?.automated.utilization,
  automatedOrderShare: (r) => {
    const t = r.workshops.byTechnology;
    return t ? t.automated.ordersWon / (t.manual.ordersWon + t.automated.ordersWon) : undefined;
  },
  wholesalerShare: (r) => r.prices.split.wholesaler,
  // The traditional chain's own figures: none on the platform (no wholesalers).
  supplyLeadDaysP50: (r) => ofWholesale(r, r.wholesale.supplyLeadDays.p50),
  fillRate: (r) => ofWholesale(r, r.wholesale.fillRate),
  stockAtEndDays: (r) => ofWholesale(r, r.wholesale.stockAtEndDays),
} satisfies Record<string, Kpi>;

export type KpiName = keyof typeof KPIS;
export const KPI_NAMES = Object.keys(KPIS) as KpiName[];

/** A run's KPI values by column; NaN where the report lacks the field or the ratio is empty. */
export type KpiRow = Record<string, number>;

/** Six decimals: shares and hours stay exact enough, and rows stay readable. */
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function kpiRow(report: SweepReport, scenario: Scenario): KpiRow {
  const row: KpiRow = {};
  for (const name of KPI_NAMES) {
    const v = (KPIS[name] as Kpi)(report, scenario);
    row[name] = v !== undefined && Number.isFinite(v) ? r6(v) : NaN;
  }
  return row;
}
