/**
 * The report of a run: what `weft run` prints and writes to report.json. Everything
 * outside `run` is simulated and therefore identical for the same scenario and seed;
 * wall-clock figures live under `run`.
 */
import type { LatencyReport } from '../stream/hop-latency';
import type { HoursPerWorkerDay } from './labour';
import type { ByTechnology } from './technology';

/** One end-of-run check: what an independent source says, what the run's state says. */
export interface AuditCheck {
  name: string;
  /** Where each figure comes from, for a reader of a failure. */
  about: string;
  expected: number | boolean;
  found: number | boolean;
  ok: boolean;
}

/** The end-of-run audit of a distributed run: every check, and whether all passed. */
export interface RunAudit {
  ok: boolean;
  checks: AuditCheck[];
}

export interface CategoryReport {
  name: string;
  workshops: number;
  lines: number;
  placed: number;
  delivered: number;
  cancelled: number;
  cancelledShare: number;
  onTimeShare: number;
  leadTimeHours: { p50: number; p90: number; mean: number };
  /**
   * The work orders brought (line-hours a day of demand, set-up included) over the
   * line-hours its workshops have in a regular day: above 1 it takes overtime.
   */
  load: number;
  /** Share of its workshops' line-hours (round the clock) worked in the measured window. */
  utilization: number;
}

export interface WholesaleReport {
  wholesalers: number;
  /** Batches ordered from workshops in the window (one per workshop and review), and their units. */
  batches: number;
  batchUnits: number;
  /** From a batch's order to its arrival in the warehouse (production, queue and freight). */
  supplyLeadDays: { p50: number; p90: number; mean: number };
  /** Shops' requests filled from stock, and the share of requested units that were. */
  requests: number;
  fillRate: number;
  /** Units sold to shops, and the units in the warehouses at the end of the run. */
  unitsSold: number;
  stockAtEnd: number;
  /** Stock at the end in days of the window's sales: what is left to sell off. */
  stockAtEndDays: number;
  /** What shops paid for the units sold, and what the wholesalers paid for the batches received. */
  salesCents: number;
  purchasesCents: number;
}

export interface RunReport {
  engine: 'des' | 'kafka';
  scenario: string;
  seed: number;
  horizonHours: number;
  /** Days at the start left out of the KPIs; everything below measures what follows. */
  warmupDays: number;
  orders: {
    placed: number;
    delivered: number;
    cancelled: number;
    open: number;
    /** Arrivals that found no affordable shop among those compared. */
    walkedAway: number;
    deliveredShare: number;
    cancelledShare: number;
  };
  ledger: {
    sum: number;
    escrowHeld: number;
    balances: Record<string, number>;
    /** Releases or refunds asked for an order with nothing in escrow (must be 0). */
    rejectedPayouts: number;
  };
  leadTimeHours: { p50: number; p90: number; p99: number; mean: number; max: number };
  deliveredWithin: { h24: number; h48: number; h72: number };
  /** Share of delivered orders that arrived by the consumer's wanted time. */
  onTimeShare: number;
  workshops: {
    count: number;
    utilizationByHour: number[];
    hoursPerWorkerPerDay: number;
    overtimeHoursPerWorkerPerDay: number;
    overtimeShare: number;
    meanMarkup: number;
    meanWinningMarkup: number;
    /**
     * (Revenue − material) per worker-hour, in cents: the value an hour of work adds, which
     * pays the wage and the owner's margin alike (not a wage).
     */
    valueAddedPerWorkerHour: number;
    wageCentsPerHour: number;
    /** Hours per worker-day (a crew's worker on one day, idle days included): labour.ts. */
    hoursPerWorkerDay: HoursPerWorkerDay;
    /**
     * The workshops' accounts over every job awarded in the run, in cents: revenue (winning
     * price × quantity), material, the wage bill (the jobs' worker-hours × the wage) and the
     * owners' margin (revenue − material − wage bill).
     */
    revenue: number;
    material: number;
    wageBill: number;
    ownersMargin: number;
    /**
     * What the automated lines' machines cost over the same jobs, in cents: the capital per
     * line-day × the automated workshops' lines × the days whose orders the accounts count
     * (the days after the warm-up; technology.ts says why). 0 without automation.
     */
    capitalCost: number;
    /** The owners' margin less the capital cost. */
    ownersMarginAfterCapital: number;
    /** The same accounts for manual and automated workshops; each adds up to the totals. */
    byTechnology: ByTechnology;
    /**
     * Cents a worker earns per worker-day of the window (idle days included): the wages of
     * the hours worked inside the window over its worker-days, i.e. the wage × mean hours.
     */
    workerIncomePerWorkerDay: number;
  };
  prices: {
    meanListing: number;
    meanWinningBid: number;
    meanUnitCost: number;
    platformTake: number;
    platformTakeShare: number;
    gmvCents: number;
    meanShopMarginShare: number;
    /**
     * Where the consumer's money for awarded orders goes, as shares of it: the workshop's
     * material, its labour at the set wage, the workshop owner's margin, the shop and the
     * platform (its fees, at the scenario's rate). They add up to 1.
     */
    split: {
      material: number;
      labour: number;
      workshopMargin: number;
      shop: number;
      platform: number;
      /** The wholesaler's margin (the traditional chain; 0 on the platform). */
      wholesaler: number;
    };
  };
  /** What shops kept of settled orders after the platform's fees and paying their workshop. */
  shops: {
    netCents: number;
    /** The mean of net ÷ price over settled orders (negative where a shop paid out more). */
    meanNetMarginShare: number;
    /** Share of settled orders on which the shop kept less than nothing. */
    negativeMarginShare: number;
    /** Share of orders placed with the busiest tenth of the shops (0.1 when trade is even). */
    topDecileOrderShare: number;
  };
  /** The same world seen category by category: each has workshops of its own. */
  byCategory: CategoryReport[];
  /** The traditional chain's wholesalers (zeros on the platform). */
  wholesale: WholesaleReport;
  bids: { perRfq: number; rfqs: number; secondRounds: number };
  capacity: {
    unitHours: number;
    demandUnits: number;
    cost: number;
    meanUtilization: number;
    peakInstances: number;
    instancesByHour: number[];
    utilizationByHour: number[];
  };
  events: { total: number; perSecond: number; byType: Record<string, number> };
  series: {
    /** One entry per simulated hour of the run. */
    placedByHour: number[];
    deliveredByHour: number[];
    cancelledByHour: number[];
    meanListingByHour: number[];
    meanWinningBidByHour: number[];
    meanUnitCostByHour: number[];
    /** Mean lead time (hours) of delivered orders by the hour they were placed in. */
    leadTimeByPlacedHour: number[];
    /** Lead-time histogram: counts of delivered orders per `binHours` bin. */
    leadTimeHistogram: { binHours: number; counts: number[] };
  };
  /** The distributed engine's own figures (absent for des). */
  kafka?: {
    runId: string;
    /** Simulated hours per wall second: the pace asked for, or the one achieved under `max`. */
    timeScale: number;
    /** The pace asked for (simulated hours per wall second, or as fast as it goes) and the one achieved. */
    pace?: { asked: number | 'max'; achievedHoursPerSecond: number };
    /** How the simulated clock was kept: its window and how far timers fired ahead of the frontier. */
    clock?: { grainMs: number; lookaheadMs: number };
    instances: Record<string, number>;
    /** Events delivered more than once to the observer (at-least-once), dropped by id. */
    duplicatesDelivered: number;
    deadLetters: number;
    /** Whether the pipeline drained before the deadline. */
    drained: boolean;
    /** Wall seconds from simulated time zero until drained, and events per such second. */
    liveSeconds?: number;
    eventsPerLiveSecond?: number;
    /** Peak resident memory of all service processes together (sampled every 0.5 s). */
    servicesPeakRssMb?: number;
    /** Wall-clock latency per hop and timer lateness, from Kafka's message timestamps. */
    latency?: LatencyReport;
    /** The capacity service's last scaling recommendation per service. */
    scaling?: Record<string, { consumerLag: number; recommendedReplicas: number }>;
    /** What the monitor service saw: distinct events and dead letters. */
    monitor?: { distinctEvents: number; deadLetters: number };
  };
  /** The distributed run's end-of-run audit (absent for des). */
  audit?: RunAudit;
  run: {
    wallSeconds: number;
    peakRssMb: number;
    eventsPerWallSecond: number;
    ordersPerWallSecond: number;
    startedAt: string;
  };
}
