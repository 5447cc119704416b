/**
 * Streaming KPIs of a run: a fold over the event stream with memory bounded by the number
 * of simulated hours, never by the number of orders (finished orders leave nothing behind).
 * The fold is a sum, so it can be made in pieces and added up: the distributed engine
 * folds each batch's events where they are emitted and adds the pieces up in Redis
 * (`counters`, `fromCounters`).
 */
import * as hdr from 'hdr-histogram-js';
import {
  HOUR_MS,
  DAY_MS,
  createWorkshops,
  chainPrices,
  workMinutes,
  type AnyEvent,
  type ChainPrices,
  type Scenario,
  type Workshop,
} from '@weft/domain';
import { HourlySeries } from './hourly-series';
import { LabourFold } from './labour';
import { TechnologyFold } from './technology';

/** The running sums of the fold that are plain numbers (every one adds up). */
const SCALARS = [
  'events',
  'placed',
  'delivered',
  'cancelled',
  'onTime',
  'rfqs',
  'secondRounds',
  'bids',
  'markupSum',
  'awards',
  'winningMarkupSum',
  'listingSum',
  'winningBidSum',
  'unitCostSum',
  'labourIncomeCents',
  'workerMs',
  'allWorkerMs',
  'overtimeWorkerMs',
  'commissionCents',
  'gmvCents',
  'shopMarginShareSum',
  'settled',
  'shopNetCents',
  'negativeMarginOrders',
  'awardConsumerCents',
  'awardWorkshopCents',
  'awardMaterialCents',
  'awardLabourCents',
  'awardWholesalerCents',
  'batches',
  'batchUnits',
  'batchLeadDaysSum',
  'batchesDelivered',
  'stockRequests',
  'stockRequestedUnits',
  'stockFilledUnits',
  'wholesaleSalesCents',
  'wholesalePurchasesCents',
  'stockFlowUnits',
] as const;
type Scalar = (typeof SCALARS)[number];

/** The fold's arrays, by the prefix of their counters. */
const ARRAYS = {
  bin: 'leadBins',
  within: 'within',
  busy: 'busyMsByHourOfDay',
  eh: 'eventsByHour',
  cPlaced: 'placedByCategory',
  cDelivered: 'deliveredByCategory',
  cCancelled: 'cancelledByCategory',
  cOnTime: 'onTimeByCategory',
  cWork: 'workMinutesByCategory',
  cBusy: 'busyLineMsByCategory',
  sPlaced: 'placedByShop',
  sld: 'supplyLeadDayBins',
} as const;

/** Batches by supply lead time in whole days, the last bin taking everything longer. */
const SUPPLY_LEAD_BINS = 366;
const LEAD_BIN_HOURS = 6;
const LEAD_BINS = 24; // 0–144 h; the last bin takes everything longer

export class KpiCollector {
  /** Events by type; a plain object with a fixed key set stays fast in V8. */
  readonly byType: Record<string, number> = {};
  events = 0;
  placed = 0;
  delivered = 0;
  cancelled = 0;
  onTime = 0;
  rfqs = 0;
  secondRounds = 0;
  bids = 0;
  markupSum = 0;
  awards = 0;
  winningMarkupSum = 0;
  listingSum = 0;
  winningBidSum = 0;
  unitCostSum = 0;
  labourIncomeCents = 0;
  workerMs = 0;
  /** Worker time of every job, inside the window or not: the base of the hourly wage. */
  allWorkerMs = 0;
  overtimeWorkerMs = 0;
  commissionCents = 0;
  gmvCents = 0;
  shopMarginShareSum = 0;
  settled = 0;
  /** What shops kept of settled orders after the platform's fees and their workshop. */
  shopNetCents = 0;
  /** Settled orders on which the shop kept less than nothing. */
  negativeMarginOrders = 0;
  /** The consumer's price of awarded orders, split: what the workshop got, its material, its labour. */
  awardConsumerCents = 0;
  awardWorkshopCents = 0;
  awardMaterialCents = 0;
  awardLabourCents = 0;
  /** The wholesaler's part of the consumer's price (the traditional chain). */
  awardWholesalerCents = 0;
  /** Batches ordered for stock, their units, and days from order to warehouse. */
  batches = 0;
  batchUnits = 0;
  batchLeadDaysSum = 0;
  batchesDelivered = 0;
  readonly supplyLeadDayBins = new Array<number>(SUPPLY_LEAD_BINS).fill(0);
  /** Shops' requests to wholesalers, units asked for and units shipped. */
  stockRequests = 0;
  stockRequestedUnits = 0;
  stockFilledUnits = 0;
  wholesaleSalesCents = 0;
  wholesalePurchasesCents = 0;
  /** The traditional chain's prices a unit, by category (none on the platform). */
  private readonly chainPrices: ChainPrices[];
  /** Units into the warehouses less units out, over the whole run (warm-up included). */
  stockFlowUnits = 0;
  /** Delivered orders by lead time in whole minutes (at least 1). */
  readonly leadMinutes = new Map<number, number>();
  /** The same, by category. */
  readonly leadMinutesByCategory: Map<number, number>[];
  readonly placedByCategory: number[];
  readonly deliveredByCategory: number[];
  readonly cancelledByCategory: number[];
  readonly onTimeByCategory: number[];
  /** Line-minutes of work the orders placed brought (set-up included). */
  readonly workMinutesByCategory: number[];
  /** Line-milliseconds worked in the window, by the category of the workshop. */
  readonly busyLineMsByCategory: number[];
  /** Orders placed with each shop: how concentrated the platform's trade is. */
  readonly placedByShop: number[];
  /** Each workshop's category and lines (the world is drawn from the scenario's seed). */
  private readonly workshopCategory: Int32Array;
  private readonly workshopLines: Int32Array;
  /** The run's workshops as the scenario's seed draws them (both engines draw the same). */
  readonly workshops: readonly Workshop[];
  /** Per category: its workshops, their lines, and the line-hours of their regular day. */
  readonly capacityByCategory: { workshops: number; lines: number; regularLineHours: number }[];
  readonly leadBins = new Array<number>(LEAD_BINS).fill(0);
  readonly within = [0, 0, 0];
  readonly busyMsByHourOfDay = new Array<number>(24).fill(0);
  readonly hourly: HourlySeries;
  readonly eventsByHour: Float64Array;
  /** Hours per crew and day, revenue and material: the labour accounts (labour.ts). */
  readonly labour: LabourFold;
  /** The same accounts by technology, manual and automated (technology.ts). */
  readonly technology: TechnologyFold;

  /**
   * Workshop hours are measured over the whole days in which consumers order plus one
   * (the night after the last orders is still worked), so a long drain after that does
   * not dilute utilisation and hours per day.
   */
  readonly windowDays: number;
  /**
   * Where measuring starts: after the scenario's warm-up days. Orders placed before it,
   * and what happens before it, are left out of every KPI but the event counts (the
   * cloud pays for them all).
   */
  readonly fromMs: number;
  private readonly toMs: number;

  constructor(readonly scenario: Scenario) {
    this.hourly = new HourlySeries(scenario.horizonHours);
    this.eventsByHour = new Float64Array(scenario.horizonHours + 1);
    const warmupDays = scenario.warmupDays ?? 0;
    this.fromMs = warmupDays * DAY_MS;
    this.windowDays = Math.max(
      1,
      Math.min(
        Math.ceil(scenario.horizonHours / 24) - warmupDays,
        Math.ceil(scenario.durationHours / 24) - warmupDays + 1,
      ),
    );
    this.toMs = this.fromMs + this.windowDays * DAY_MS;
    const k = scenario.categories.length;
    const zeros = () => new Array<number>(k).fill(0);
    this.placedByCategory = zeros();
    this.deliveredByCategory = zeros();
    this.cancelledByCategory = zeros();
    this.onTimeByCategory = zeros();
    this.workMinutesByCategory = zeros();
    this.busyLineMsByCategory = zeros();
    this.placedByShop = new Array<number>(scenario.shops.count).fill(0);
    this.leadMinutesByCategory = Array.from({ length: k }, () => new Map<number, number>());
    const workshops = createWorkshops(scenario);
    this.workshops = workshops;
    this.workshopCategory = Int32Array.from(workshops, (w) => w.category);
    this.workshopLines = Int32Array.from(workshops, (w) => w.lines);
    const { start, end } = scenario.workshops.dayShift;
    this.capacityByCategory = Array.from({ length: k }, () => ({
      workshops: 0,
      lines: 0,
      regularLineHours: 0,
    }));
    for (const w of workshops) {
      const cap = this.capacityByCategory[w.category];
      if (!cap) continue;
      cap.workshops += 1;
      cap.lines += w.lines;
      cap.regularLineHours += w.lines * (w.nightShift ? 24 : end - start);
    }
    this.labour = new LabourFold(scenario, this.windowDays, this.fromMs);
    this.chainPrices = scenario.wholesale ? chainPrices(scenario, scenario.wholesale) : [];
    this.technology = new TechnologyFold(scenario, workshops, this.fromMs, this.toMs);
  }

  observe(e: AnyEvent): void {
    this.events++;
    this.byType[e.type] = (this.byType[e.type] ?? 0) + 1;
    const hour = Math.floor(e.atMs / HOUR_MS);
    if (hour < this.eventsByHour.length)
      this.eventsByHour[hour] = (this.eventsByHour[hour] ?? 0) + 1;
    if (e.type === 'BatchDelivered') this.stockFlowUnits += e.data.quantity;
    else if (e.type === 'StockDispatched' && e.data.filled) this.stockFlowUnits -= e.data.quantity;
    // Orders are measured by when they were placed; everything else by when it happened.
    if (e.type === 'OrderDelivered' || e.type === 'OrderCancelled') {
      if (e.data.placedAtMs < this.fromMs) return;
    } else if (e.atMs < this.fromMs) return;
    switch (e.type) {
      case 'OrderPlaced':
        return this.onPlaced(e.data, hour);
      case 'RfqOpened':
        this.rfqs++;
        if (e.data.round > 1) this.secondRounds++;
        return;
      case 'BidPlaced':
        this.bids++;
        this.markupSum += e.data.markup;
        return;
      case 'BidAwarded':
        this.labour.onAward(e.data);
        this.technology.onAward(e.data);
        return this.onAward(e.data, hour);
      case 'ProductionScheduled':
        this.labour.onProduction(e.data);
        this.technology.onProduction(e.data);
        return this.onProduction(e.data);
      case 'OrderDelivered':
        return this.onDelivered(e.atMs, e.data, hour);
      case 'OrderCancelled': {
        const c = e.data.category;
        this.cancelledByCategory[c] = (this.cancelledByCategory[c] ?? 0) + 1;
        this.cancelled++;
        this.hourly.add('cancelled', hour, 1);
        return;
      }
      case 'BatchOrdered':
        this.labour.onAward(e.data);
        this.technology.onAward(e.data);
        this.batches++;
        this.batchUnits += e.data.quantity;
        return;
      case 'BatchDelivered':
        return this.onBatchDelivered(e.atMs, e.data);
      case 'StockDispatched':
        return this.onDispatched(e.data);
      case 'EscrowReleased': {
        const d = e.data;
        const net = d.totalCents - d.commissionCents - d.workshopCents;
        this.settled++;
        this.commissionCents += d.commissionCents;
        this.gmvCents += d.totalCents;
        this.shopMarginShareSum += net / d.totalCents;
        this.shopNetCents += net;
        if (net < 0) this.negativeMarginOrders++;
        return;
      }
      default:
        return;
    }
  }

  private onPlaced(d: Extract<AnyEvent, { type: 'OrderPlaced' }>['data'], hour: number): void {
    this.placed++;
    this.hourly.add('placed', hour, 1);
    this.listingSum += d.unitPriceCents;
    this.hourly.add('listingSum', hour, d.unitPriceCents);
    this.hourly.add('listingN', hour, 1);
    this.placedByShop[d.shopId] = (this.placedByShop[d.shopId] ?? 0) + 1;
    const c = d.category;
    const category = this.scenario.categories[c];
    this.placedByCategory[c] = (this.placedByCategory[c] ?? 0) + 1;
    if (category)
      this.workMinutesByCategory[c] =
        (this.workMinutesByCategory[c] ?? 0) +
        workMinutes(category, d.quantity, this.scenario.workshops);
  }

  private onAward(d: Extract<AnyEvent, { type: 'BidAwarded' }>['data'], hour: number): void {
    this.awards++;
    this.winningBidSum += d.unitPriceCents;
    this.unitCostSum += d.unitCostCents;
    this.winningMarkupSum += d.unitPriceCents / d.unitCostCents - 1;
    const material = this.scenario.categories[d.category]?.materialCents ?? 0;
    this.labourIncomeCents += (d.unitPriceCents - material) * d.quantity;
    this.awardConsumerCents += d.listingUnitCents * d.quantity;
    this.awardWorkshopCents += d.unitPriceCents * d.quantity;
    this.awardMaterialCents += material * d.quantity;
    this.awardLabourCents += (d.unitCostCents - material) * d.quantity;
    this.hourly.add('bidSum', hour, d.unitPriceCents);
    this.hourly.add('costSum', hour, d.unitCostCents);
    this.hourly.add('bidN', hour, 1);
  }

  private onBatchDelivered(
    atMs: number,
    d: Extract<AnyEvent, { type: 'BatchDelivered' }>['data'],
  ): void {
    const days = (atMs - d.orderedAtMs) / DAY_MS;
    this.batchesDelivered++;
    this.batchLeadDaysSum += days;
    const bin = Math.min(SUPPLY_LEAD_BINS - 1, Math.floor(days));
    this.supplyLeadDayBins[bin] = (this.supplyLeadDayBins[bin] ?? 0) + 1;
    this.wholesalePurchasesCents += d.unitPriceCents * d.quantity;
  }

  /**
   * A request answered from stock. Units shipped go into the split of the consumer's
   * price as awards do on the platform: the workshop's part at the contract price.
   */
  private onDispatched(d: Extract<AnyEvent, { type: 'StockDispatched' }>['data']): void {
    this.stockRequests++;
    this.stockRequestedUnits += d.quantity;
    if (!d.filled) return;
    const q = d.quantity;
    this.stockFilledUnits += q;
    this.wholesaleSalesCents += d.unitPriceCents * q;
    const category = this.scenario.categories[d.category];
    const prices = this.chainPrices[d.category];
    if (!category || !prices) return;
    const contract = prices.contractCents;
    this.awardConsumerCents += d.consumerUnitCents * q;
    this.awardWorkshopCents += contract * q;
    this.awardMaterialCents += category.materialCents * q;
    this.awardLabourCents += (prices.batchCostCents - category.materialCents) * q;
    this.awardWholesalerCents += (d.unitPriceCents - contract) * q;
  }

  private onProduction(d: Extract<AnyEvent, { type: 'ProductionScheduled' }>['data']): void {
    const c = this.workshopCategory[d.workshopId] ?? 0;
    const lines = this.workshopLines[d.workshopId] ?? 0;
    for (const span of d.spans) {
      this.allWorkerMs += (span.toMs - span.fromMs) * d.workers;
      const fromMs = Math.max(span.fromMs, this.fromMs);
      const toMs = Math.min(span.toMs, this.toMs);
      if (fromMs >= toMs) continue;
      const ms = toMs - fromMs;
      this.busyLineMsByCategory[c] = (this.busyLineMsByCategory[c] ?? 0) + ms * lines;
      this.workerMs += ms * d.workers;
      if (span.overtime) this.overtimeWorkerMs += ms * d.workers;
      // Split the span over the hours of the day it covers.
      let t = fromMs;
      while (t < toMs) {
        const next = Math.min(toMs, (Math.floor(t / HOUR_MS) + 1) * HOUR_MS);
        const h = Math.floor((t % DAY_MS) / HOUR_MS);
        this.busyMsByHourOfDay[h] = (this.busyMsByHourOfDay[h] ?? 0) + (next - t);
        t = next;
      }
    }
  }

  private onDelivered(
    atMs: number,
    d: Extract<AnyEvent, { type: 'OrderDelivered' }>['data'],
    hour: number,
  ) {
    this.delivered++;
    this.hourly.add('delivered', hour, 1);
    const leadMs = atMs - d.placedAtMs;
    const leadHours = leadMs / HOUR_MS;
    const minutes = Math.max(1, Math.round(leadMs / 60_000));
    this.leadMinutes.set(minutes, (this.leadMinutes.get(minutes) ?? 0) + 1);
    const c = d.category;
    const byCategory = this.leadMinutesByCategory[c];
    if (byCategory) byCategory.set(minutes, (byCategory.get(minutes) ?? 0) + 1);
    this.deliveredByCategory[c] = (this.deliveredByCategory[c] ?? 0) + 1;
    if (atMs <= d.wantedByMs) this.onTimeByCategory[c] = (this.onTimeByCategory[c] ?? 0) + 1;
    const bin = Math.min(LEAD_BINS - 1, Math.floor(leadHours / LEAD_BIN_HOURS));
    this.leadBins[bin] = (this.leadBins[bin] ?? 0) + 1;
    if (leadHours <= 24) this.within[0] = (this.within[0] ?? 0) + 1;
    if (leadHours <= 48) this.within[1] = (this.within[1] ?? 0) + 1;
    if (leadHours <= 72) this.within[2] = (this.within[2] ?? 0) + 1;
    if (atMs <= d.wantedByMs) this.onTime++;
    const placedHour = Math.floor(d.placedAtMs / HOUR_MS);
    this.hourly.add('leadSumByPlaced', placedHour, leadHours);
    this.hourly.add('leadNByPlaced', placedHour, 1);
  }

  /** Lead times in minutes as a histogram, for quantiles: of all orders, or of one category's. */
  leadHistogram(category?: number): hdr.Histogram {
    const h = hdr.build({
      lowestDiscernibleValue: 1,
      highestTrackableValue: 60 * 24 * 365,
      numberOfSignificantValueDigits: 3,
    });
    const minutes =
      category === undefined ? this.leadMinutes : this.leadMinutesByCategory[category];
    for (const [m, n] of minutes ?? []) h.recordValueWithCount(m, n);
    return h;
  }

  /** The fold as named counters, each non-zero one once: what adds up across pieces. */
  *counters(): IterableIterator<[string, number]> {
    for (const f of SCALARS) if (this[f] !== 0) yield [`n.${f}`, this[f]];
    for (const [t, n] of Object.entries(this.byType)) if (n !== 0) yield [`type.${t}`, n];
    for (const [prefix, field] of Object.entries(ARRAYS)) {
      const xs = this[field];
      for (let i = 0; i < xs.length; i++) if (xs[i] !== 0) yield [`${prefix}.${i}`, xs[i] ?? 0];
    }
    for (const [name, h, v] of this.hourly.entries()) yield [`hs.${name}.${h}`, v];
    for (const [m, n] of this.leadMinutes) yield [`lead.${m}`, n];
    for (const [c, minutes] of this.leadMinutesByCategory.entries())
      for (const [m, n] of minutes) yield [`leadc.${c}.${m}`, n];
    yield* this.labour.counters();
    yield* this.technology.counters();
  }

  /** Adds counters (from `counters`, of this collector or another's pieces) to the fold. */
  addCounters(entries: Iterable<[string, number]>): void {
    const arrays = ARRAYS as Record<string, (typeof ARRAYS)[keyof typeof ARRAYS]>;
    for (const [name, value] of entries) {
      const dot = name.indexOf('.');
      const kind = name.slice(0, dot);
      const rest = name.slice(dot + 1);
      if (kind === 'n' && (SCALARS as readonly string[]).includes(rest)) {
        this[rest as Scalar] += value;
      } else if (kind === 'type') {
        this.byType[rest] = (this.byType[rest] ?? 0) + value;
      } else if (kind === 'hs') {
        const at = rest.lastIndexOf('.');
        this.hourly.add(rest.slice(0, at), Number(rest.slice(at + 1)), value);
      } else if (kind === 'lead') {
        const m = Number(rest);
        this.leadMinutes.set(m, (this.leadMinutes.get(m) ?? 0) + value);
      } else if (kind === 'leadc') {
        const at = rest.indexOf('.');
        const minutes = this.leadMinutesByCategory[Number(rest.slice(0, at))];
        if (!minutes) throw new Error(`kpi: unknown counter ${name}`);
        const m = Number(rest.slice(at + 1));
        minutes.set(m, (minutes.get(m) ?? 0) + value);
      } else if (arrays[kind]) {
        const xs = this[arrays[kind]];
        const i = Number(rest);
        if (i >= 0 && i < xs.length) xs[i] = (xs[i] ?? 0) + value;
      } else if (!this.labour.add(kind, rest, value) && !this.technology.add(kind, rest, value)) {
        throw new Error(`kpi: unknown counter ${name}`);
      }
    }
  }

  /** Zeroes the fold, keeping its arrays (a collector reused for one piece after another). */
  reset(): void {
    for (const f of SCALARS) this[f] = 0;
    for (const t of Object.keys(this.byType)) this.byType[t] = 0;
    for (const field of Object.values(ARRAYS)) this[field].fill(0);
    this.hourly.clear();
    this.leadMinutes.clear();
    for (const minutes of this.leadMinutesByCategory) minutes.clear();
    this.labour.clear();
    this.technology.clear();
  }

  static readonly leadBinHours = LEAD_BIN_HOURS;
}
