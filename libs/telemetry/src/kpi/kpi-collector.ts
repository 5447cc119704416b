/**
 * Streaming KPIs of a run: a fold over the event stream with memory bounded by the number
 * of simulated hours, never by the number of orders (finished orders leave nothing behind).
 */
import * as hdr from 'hdr-histogram-js';
import { HOUR_MS, DAY_MS, type AnyEvent, type Scenario } from '@weft/domain';
import { HourlySeries } from './hourly-series';

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
  readonly leadHistogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60 * 24 * 365,
    numberOfSignificantValueDigits: 3,
  });
  readonly leadBins = new Array<number>(LEAD_BINS).fill(0);
  readonly within = [0, 0, 0];
  readonly busyMsByHourOfDay = new Array<number>(24).fill(0);
  readonly hourly: HourlySeries;
  readonly eventsByHour: Float64Array;

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
        return this.onAward(e.data, hour);
      case 'ProductionScheduled':
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
    this.leadHistogram.recordValue(Math.max(1, Math.round(leadMs / 60_000)));
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

  static readonly leadBinHours = LEAD_BIN_HOURS;
}
