/** Turns the collector's running sums and the run's final state into a RunReport. */
import {
  demandUnitsByHour,
  planCapacity,
  platformFeeRate,
  WholesalersRole,
  DAY_MS,
  HOUR_MS,
  type Account,
} from '@weft/domain';
import { KpiCollector } from './kpi-collector';
import { hoursPerWorkerDay } from './labour';
import type { CategoryReport, RunReport, WholesaleReport } from './report';

export interface RunFinals {
  engine: RunReport['engine'];
  ledger: Record<Account, number>;
  ledgerSum: number;
  rejectedPayouts: number;
  walkedAway: number;
  workshopWorkers: number;
  run: RunReport['run'];
}

/** Four decimals keep report.json readable and byte-stable. */
const r4 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : 0);
const div = (a: number, b: number) => (b > 0 ? a / b : 0);

/** Share of workshop time busy at each hour of the day, over `days` days of every workshop. */
export function utilizationByHour(k: KpiCollector, days: number): number[] {
  const busyDenominator = k.scenario.workshops.count * days * HOUR_MS;
  return k.busyMsByHourOfDay.map((ms) => r4(div(ms, busyDenominator)));
}

/** Shares of delivered orders that arrived within 24, 48 and 72 hours of being placed. */
export function deliveredWithin(k: KpiCollector): RunReport['deliveredWithin'] {
  return {
    h24: r4(div(k.within[0] ?? 0, k.delivered)),
    h48: r4(div(k.within[1] ?? 0, k.delivered)),
    h72: r4(div(k.within[2] ?? 0, k.delivered)),
  };
}

/** Each category's orders, lead times, load and utilisation. */
export function categoryReports(k: KpiCollector): CategoryReport[] {
  const s = k.scenario;
  const demandDays = Math.max(1e-9, (s.durationHours * HOUR_MS - k.fromMs) / DAY_MS);
  return s.categories.map((category, c) => {
    const cap = k.capacityByCategory[c] ?? { workshops: 0, lines: 0, regularLineHours: 0 };
    const placed = k.placedByCategory[c] ?? 0;
    const delivered = k.deliveredByCategory[c] ?? 0;
    const cancelled = k.cancelledByCategory[c] ?? 0;
    const lead = k.leadHistogram(c);
    const quantile = (q: number) => r4(delivered > 0 ? lead.getValueAtPercentile(q) / 60 : 0);
    const workHoursPerDay = (k.workMinutesByCategory[c] ?? 0) / 60 / demandDays;
    return {
      name: category.name,
      workshops: cap.workshops,
      lines: cap.lines,
      placed,
      delivered,
      cancelled,
      cancelledShare: r4(div(cancelled, placed)),
      onTimeShare: r4(div(k.onTimeByCategory[c] ?? 0, delivered)),
      leadTimeHours: {
        p50: quantile(50),
        p90: quantile(90),
        mean: r4(delivered > 0 ? lead.mean / 60 : 0),
      },
      load: r4(div(workHoursPerDay, cap.regularLineHours)),
      utilization: r4(
        div((k.busyLineMsByCategory[c] ?? 0) / HOUR_MS, cap.lines * 24 * k.windowDays),
      ),
    };
  });
}

/** The share of the total held by the largest tenth of the entries (at least one). */
export function topDecileShare(counts: readonly number[]): number {
  const sorted = [...counts].sort((a, b) => b - a);
  const top = sorted.slice(0, Math.max(1, Math.round(sorted.length / 10)));
  return div(
    top.reduce((a, b) => a + b, 0),
    sorted.reduce((a, b) => a + b, 0),
  );
}

/** Where the consumer's money for awarded orders goes (shares that add up to 1). */
export function priceSplit(k: KpiCollector): RunReport['prices']['split'] {
  const consumer = k.awardConsumerCents;
  const platform = consumer * platformFeeRate(k.scenario.payments);
  const margin = k.awardWorkshopCents - k.awardMaterialCents - k.awardLabourCents;
  const wholesaler = k.awardWholesalerCents;
  return {
    material: r4(div(k.awardMaterialCents, consumer)),
    labour: r4(div(k.awardLabourCents, consumer)),
    workshopMargin: r4(div(margin, consumer)),
    shop: r4(div(consumer - k.awardWorkshopCents - wholesaler - platform, consumer)),
    platform: r4(div(platform, consumer)),
    wholesaler: r4(div(wholesaler, consumer)),
  };
}

/** The wholesalers' figures; stock at the end is the opening stock plus what flowed in, less out. */
export function wholesaleReport(k: KpiCollector): WholesaleReport {
  const s = k.scenario;
  const w = s.wholesale;
  const opening = WholesalersRole.openingWarehouses(s).reduce(
    (a, h) => a + h.stock.reduce((x, y) => x + y, 0),
    0,
  );
  const stockAtEnd = w ? opening + k.stockFlowUnits : 0;
  const bins = k.supplyLeadDayBins;
  const n = k.batchesDelivered;
  /** The least whole days that reach the share of batches asked for. */
  const quantile = (q: number) => {
    let seen = 0;
    for (let d = 0; d < bins.length; d++) {
      seen += bins[d] ?? 0;
      if (n > 0 && seen >= q * n) return d + 1;
    }
    return 0;
  };
  const soldPerDay = div(k.stockFilledUnits, k.windowDays);
  return {
    wholesalers: w?.count ?? 0,
    batches: k.batches,
    batchUnits: k.batchUnits,
    supplyLeadDays: {
      p50: quantile(0.5),
      p90: quantile(0.9),
      mean: r4(div(k.batchLeadDaysSum, n)),
    },
    requests: k.stockRequests,
    fillRate: r4(div(k.stockFilledUnits, k.stockRequestedUnits)),
    unitsSold: k.stockFilledUnits,
    stockAtEnd,
    stockAtEndDays: r4(div(stockAtEnd, soldPerDay)),
    salesCents: k.wholesaleSalesCents,
    purchasesCents: k.wholesalePurchasesCents,
  };
}

/**
 * Hours per worker-day and the workshops' accounts. The crews come from the scenario (the
 * same workshops both engines create), so days nobody worked count too.
 */
export function workshopLabour(
  k: KpiCollector,
): Pick<
  RunReport['workshops'],
  | 'hoursPerWorkerDay'
  | 'revenue'
  | 'material'
  | 'wageBill'
  | 'ownersMargin'
  | 'capitalCost'
  | 'ownersMarginAfterCapital'
  | 'byTechnology'
  | 'workerIncomePerWorkerDay'
> {
  const wage = k.scenario.workshops.wageCentsPerHour;
  const hours = hoursPerWorkerDay(k.labour, k.workshops);
  const { revenueCents: revenue, materialCents: material } = k.labour;
  const wageBill = Math.round((k.allWorkerMs * wage) / HOUR_MS);
  const ownersMargin = revenue - material - wageBill;
  const byTechnology = k.technology.report(wageBill, k.windowDays);
  const capitalCost = byTechnology.manual.capitalCost + byTechnology.automated.capitalCost;
  return {
    hoursPerWorkerDay: hours,
    revenue,
    material,
    wageBill,
    ownersMargin,
    capitalCost,
    ownersMarginAfterCapital: ownersMargin - capitalCost,
    byTechnology,
    workerIncomePerWorkerDay: r4(div(hours.workerHours * wage, hours.workerDays)),
  };
}

export function buildReport(k: KpiCollector, f: RunFinals): RunReport {
  const s = k.scenario;
  const days = k.windowDays;
  const open = k.placed - k.delivered - k.cancelled;
  const capacity = planCapacity(
    demandUnitsByHour(k.eventsByHour, s.horizonHours, s.capacity),
    s.capacity,
  );
  const instanceHours = capacity.reduce((a, c) => a + c.instances, 0);
  const demandUnits = capacity.reduce((a, c) => a + c.demandUnits, 0);
  const workerHours = k.workerMs / HOUR_MS;
  const lead = k.leadHistogram();
  const quantile = (q: number) => r4(k.delivered > 0 ? lead.getValueAtPercentile(q) / 60 : 0);
  return {
    engine: f.engine,
    scenario: s.name,
    seed: s.seed,
    horizonHours: s.horizonHours,
    warmupDays: s.warmupDays ?? 0,
    orders: {
      placed: k.placed,
      delivered: k.delivered,
      cancelled: k.cancelled,
      open,
      walkedAway: f.walkedAway,
      deliveredShare: r4(div(k.delivered, k.placed)),
      cancelledShare: r4(div(k.cancelled, k.placed)),
    },
    ledger: {
      sum: f.ledgerSum,
      escrowHeld: f.ledger.escrow,
      balances: { ...f.ledger },
      rejectedPayouts: f.rejectedPayouts,
    },
    leadTimeHours: {
      p50: quantile(50),
      p90: quantile(90),
      p99: quantile(99),
      mean: r4(k.delivered > 0 ? lead.mean / 60 : 0),
      max: r4(k.delivered > 0 ? lead.maxValue / 60 : 0),
    },
    deliveredWithin: deliveredWithin(k),
    onTimeShare: r4(div(k.onTime, k.delivered)),
    workshops: {
      count: s.workshops.count,
      utilizationByHour: utilizationByHour(k, days),
      hoursPerWorkerPerDay: r4(div(workerHours, f.workshopWorkers * days)),
      overtimeHoursPerWorkerPerDay: r4(div(k.overtimeWorkerMs / HOUR_MS, f.workshopWorkers * days)),
      overtimeShare: r4(div(k.overtimeWorkerMs, k.workerMs)),
      meanMarkup: r4(div(k.markupSum, k.bids)),
      meanWinningMarkup: r4(div(k.winningMarkupSum, k.awards)),
      valueAddedPerWorkerHour: r4(div(k.labourIncomeCents, k.allWorkerMs / HOUR_MS)),
      wageCentsPerHour: s.workshops.wageCentsPerHour,
      ...workshopLabour(k),
    },
    prices: {
      meanListing: r4(div(k.listingSum, k.placed)),
      meanWinningBid: r4(div(k.winningBidSum, k.awards)),
      meanUnitCost: r4(div(k.unitCostSum, k.awards)),
      platformTake: k.commissionCents,
      platformTakeShare: r4(div(k.commissionCents, k.gmvCents)),
      gmvCents: k.gmvCents,
      meanShopMarginShare: r4(div(k.shopMarginShareSum, k.settled)),
      split: priceSplit(k),
    },
    shops: {
      netCents: k.shopNetCents,
      meanNetMarginShare: r4(div(k.shopMarginShareSum, k.settled)),
      negativeMarginShare: r4(div(k.negativeMarginOrders, k.settled)),
      topDecileOrderShare: r4(topDecileShare(k.placedByShop)),
    },
    byCategory: categoryReports(k),
    wholesale: wholesaleReport(k),
    bids: { perRfq: r4(div(k.bids, k.rfqs)), rfqs: k.rfqs, secondRounds: k.secondRounds },
    capacity: {
      unitHours: instanceHours * s.capacity.unitsPerInstanceHour,
      demandUnits,
      cost: capacity.reduce((a, c) => a + c.costCents, 0),
      meanUtilization: r4(div(demandUnits, instanceHours * s.capacity.unitsPerInstanceHour)),
      peakInstances: capacity.reduce((a, c) => Math.max(a, c.instances), 0),
      instancesByHour: capacity.map((c) => c.instances),
      utilizationByHour: capacity.map((c) => r4(c.utilization)),
    },
    events: {
      total: k.events,
      perSecond: r4(div(k.events, s.horizonHours * 3600)),
      byType: Object.fromEntries(Object.entries(k.byType).sort(([a], [b]) => a.localeCompare(b))),
    },
    series: {
      placedByHour: k.hourly.get('placed'),
      deliveredByHour: k.hourly.get('delivered'),
      cancelledByHour: k.hourly.get('cancelled'),
      meanListingByHour: k.hourly.ratio('listingSum', 'listingN').map(r4),
      meanWinningBidByHour: k.hourly.ratio('bidSum', 'bidN').map(r4),
      meanUnitCostByHour: k.hourly.ratio('costSum', 'bidN').map(r4),
      leadTimeByPlacedHour: k.hourly.ratio('leadSumByPlaced', 'leadNByPlaced').map(r4),
      leadTimeHistogram: { binHours: KpiCollector.leadBinHours, counts: [...k.leadBins] },
    },
    run: f.run,
  };
}
