/**
 * Streaming KPIs of a run: a fold over the event stream with memory bounded by the number
 * of simulated hours, never by the number of orders (finished orders leave nothing behind).
 * The fold is a sum, so it can be made in pieces and added up: the distributed engine
 * folds each batch's events where they are emitted and adds the pieces up in Redis
 * (`counters`, `fromCounters`).
 */
import * as hdr from 'hdr-histogram-js';
import { HOUR_MS, DAY_MS, type AnyEvent, type Scenario } from '@weft/domain';
import { HourlySeries } from './hourly-series';
import { LabourFold } from './labour';

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
] as const;
type Scalar = (typeof SCALARS)[number];

/** The fold's arrays, by the prefix of their counters. */
const ARRAYS = {
  bin: 'leadBins',
  within: 'within',
  busy: 'busyMsByHourOfDay',
  eh: 'eventsByHour',
} as const;

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
  /** Delivered orders by lead time in whole minutes (at least 1). */
  readonly leadMinutes = new Map<number, number>();
  readonly leadBins = new Array<number>(LEAD_BINS).fill(0);
  readonly within = [0, 0, 0];
  readonly busyMsByHourOfDay = new Array<number>(24).fill(0);
  readonly hourly: HourlySeries;
  readonly eventsByHour: Float64Array;
  /** Hours per crew and day, revenue and material: the labour accounts (labour.ts). */
  readonly labour: LabourFold;

  /**
   * Workshop hours are measured over the whole days in which consumers order plus one
   * (the night after the last orders is still worked), so a long drain after that does
   * not dilute utilisation and hours per day.
   */
  readonly windowDays: number;
  private readonly windowMs: number;

  constructor(readonly scenario: Scenario) {
    this.hourly = new HourlySeries(scenario.horizonHours);
    this.eventsByHour = new Float64Array(scenario.horizonHours + 1);
    this.windowDays = Math.min(
      Math.ceil(scenario.horizonHours / 24),
      Math.ceil(scenario.durationHours / 24) + 1,
    );
    this.windowMs = this.windowDays * DAY_MS;
    this.labour = new LabourFold(scenario, this.windowDays);
  }

  observe(e: AnyEvent): void {
    this.events++;
    this.byType[e.type] = (this.byType[e.type] ?? 0) + 1;
    const hour = Math.floor(e.atMs / HOUR_MS);
    if (hour < this.eventsByHour.length)
      this.eventsByHour[hour] = (this.eventsByHour[hour] ?? 0) + 1;
    switch (e.type) {
      case 'OrderPlaced':
        this.placed++;
        this.hourly.add('placed', hour, 1);
        this.listingSum += e.data.unitPriceCents;
        this.hourly.add('listingSum', hour, e.data.unitPriceCents);
        this.hourly.add('listingN', hour, 1);
        return;
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
        return this.onAward(e.data, hour);
      case 'ProductionScheduled':
        this.labour.onProduction(e.data);
        return this.onProduction(e.data);
      case 'OrderDelivered':
        return this.onDelivered(e.atMs, e.data, hour);
      case 'OrderCancelled':
        this.cancelled++;
        this.hourly.add('cancelled', hour, 1);
        return;
      case 'EscrowReleased': {
        const d = e.data;
        this.settled++;
        this.commissionCents += d.commissionCents;
        this.gmvCents += d.totalCents;
        this.shopMarginShareSum +=
          (d.totalCents - d.commissionCents - d.workshopCents) / d.totalCents;
        return;
      }
      default:
        return;
    }
  }

  private onAward(d: Extract<AnyEvent, { type: 'BidAwarded' }>['data'], hour: number): void {
    this.awards++;
    this.winningBidSum += d.unitPriceCents;
    this.unitCostSum += d.unitCostCents;
    this.winningMarkupSum += d.unitPriceCents / d.unitCostCents - 1;
    const material = this.scenario.categories[d.category]?.materialCents ?? 0;
    this.labourIncomeCents += (d.unitPriceCents - material) * d.quantity;
    this.hourly.add('bidSum', hour, d.unitPriceCents);
    this.hourly.add('costSum', hour, d.unitCostCents);
    this.hourly.add('bidN', hour, 1);
  }

  private onProduction(d: Extract<AnyEvent, { type: 'ProductionScheduled' }>['data']): void {
    for (const span of d.spans) {
      this.allWorkerMs += (span.toMs - span.fromMs) * d.workers;
      const toMs = Math.min(span.toMs, this.windowMs);
      if (span.fromMs >= toMs) continue;
      const ms = toMs - span.fromMs;
      this.workerMs += ms * d.workers;
      if (span.overtime) this.overtimeWorkerMs += ms * d.workers;
      // Split the span over the hours of the day it covers.
      let t = span.fromMs;
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

  /** Lead times in minutes as a histogram, for quantiles. */
  leadHistogram(): hdr.Histogram {
    const h = hdr.build({
      lowestDiscernibleValue: 1,
      highestTrackableValue: 60 * 24 * 365,
      numberOfSignificantValueDigits: 3,
    });
    for (const [minutes, n] of this.leadMinutes) h.recordValueWithCount(minutes, n);
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
    yield* this.labour.counters();
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
      } else if (arrays[kind]) {
        const xs = this[arrays[kind]];
        const i = Number(rest);
        if (i >= 0 && i < xs.length) xs[i] = (xs[i] ?? 0) + value;
      } else if (!this.labour.add(kind, rest, value)) {
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
    this.labour.clear();
  }

  static readonly leadBinHours = LEAD_BIN_HOURS;
}
