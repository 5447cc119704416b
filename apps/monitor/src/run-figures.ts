/**
 * What the monitor keeps of one run, folded in as batches arrive so that a snapshot costs
 * a few hundred numbers' work however fast the run goes: the report's KPI fold, hop
 * latency, per-topic rates, order journeys and stages, dead letters, scaling records.
 */
import type { ScalingRecord } from '@weft/contracts';
import { DAY_MS, type AnyEvent } from '@weft/domain';
import type { ObservedBatch } from '@weft/kafka';
import {
  HOPS,
  KpiCollector,
  deliveredWithin,
  utilizationByHour,
  type HopLatency,
} from '@weft/telemetry';
import type { ClockView, DashboardSnapshot, LagView } from './dashboard-snapshot';
import { DeadLetterBook } from './dead-letters';
import { Journeys } from './journeys';
import { TopicRates } from './topic-rates';

/** Seconds of per-topic rates a snapshot carries. */
const RATE_SECONDS = 60;

const round1 = (x: number) => Math.round(x * 10) / 10;
const div = (a: number, b: number) => (b > 0 ? a / b : 0);

export class RunFigures {
  readonly kpi: KpiCollector;
  readonly rates = new TopicRates();
  readonly journeys: Journeys;
  readonly deadLetters = new DeadLetterBook();
  readonly scaling = new Map<string, ScalingRecord>();
  duplicates = 0;
  unreadable = 0;
  /** The latest simulated time production is scheduled until: utilisation counts its days. */
  private scheduledUntilMs = 0;

  constructor(
    readonly latency: HopLatency,
    kpi: KpiCollector,
    maxOrders: number,
    onForget: (eventId: string) => void = () => undefined,
  ) {
    this.kpi = kpi;
    this.journeys = new Journeys(maxOrders, onForget);
  }

  take(batch: ObservedBatch<AnyEvent>, wallMs = Date.now()): void {
    this.duplicates += batch.duplicates;
    this.unreadable += batch.unreadable;
    const rate = this.rates.of(batch.topic);
    // Records carry no produce time here: they count when read.
    const records = batch.deadLetters.length + batch.scaling.length;
    if (records > 0) rate.add(wallMs, records);
    for (const letter of batch.deadLetters) this.deadLetters.add(letter);
    for (const r of batch.scaling) this.scaling.set(r.service, r);
    for (const { event, producedWallMs } of batch.events) {
      rate.add(producedWallMs, 1);
      this.observe(event, producedWallMs);
    }
  }

  private observe(e: AnyEvent, wallMs: number): void {
    this.kpi.observe(e);
    this.latency.observe(e.type, e.orderId, e.atMs, wallMs);
    if (e.type === 'ProductionScheduled' && e.data.finishMs > this.scheduledUntilMs)
      this.scheduledUntilMs = e.data.finishMs;
    if (e.orderId !== '') this.journeys.record(e.orderId, e.type, e.id, e.atMs, wallMs);
  }

  /** The dashboard's view of the run now. */
  snapshot(
    base: { run: string | null; clock: ClockView | null; lag: LagView },
    wallMs = Date.now(),
  ): DashboardSnapshot {
    const k = this.kpi;
    const latency = this.latency.report().hops;
    return {
      wallMs,
      ...base,
      listening: true,
      events: {
        distinct: k.events,
        duplicates: this.duplicates,
        unreadable: this.unreadable,
        byTopic: this.rates.totals(),
        perSecond: this.rates.window(wallMs, RATE_SECONDS),
      },
      latency: HOPS.map((h) => {
        const s = latency[h.name];
        return {
          hop: h.name,
          by: h.by,
          count: s?.count ?? 0,
          p50Ms: s?.p50Ms ?? 0,
          p99Ms: s?.p99Ms ?? 0,
        };
      }),
      orders: {
        byStage: this.journeys.byStage(),
        tracked: this.journeys.size,
        forgotten: this.journeys.forgotten,
      },
      leadTime: {
        binHours: KpiCollector.leadBinHours,
        counts: [...k.leadBins],
        delivered: k.delivered,
        within: deliveredWithin(k),
      },
      utilization: this.utilization(base.clock?.doneUntilMs ?? 0),
      prices: this.prices(),
      take: {
        commissionCents: k.commissionCents,
        gmvCents: k.gmvCents,
        share: div(k.commissionCents, k.gmvCents),
        settled: k.settled,
      },
      capacity: [...this.scaling.values()].map((r) => ({
        service: r.service,
        hour: r.hour,
        instances: r.instances,
        utilization: r.utilization,
        costCents: r.costCents,
        consumerLag: r.consumerLag,
        recommendedReplicas: r.recommendedReplicas,
      })),
      deadLetters: this.deadLetters.view(),
      recentOrders: this.journeys.sample(),
    };
  }

  /**
   * Utilisation over the days work has reached so far (scheduled, or applied by the clock),
   * so it never counts a busy hour against a day not yet in the denominator; at the end of
   * the run it is the report's figure.
   */
  private utilization(doneUntilMs: number) {
    const reached = Math.max(this.scheduledUntilMs, doneUntilMs);
    const days = Math.min(this.kpi.windowDays, Math.max(1, Math.ceil(reached / DAY_MS)));
    return { byHour: utilizationByHour(this.kpi, days), days };
  }

  private prices() {
    const k = this.kpi;
    const listing = k.hourly.ratio('listingSum', 'listingN');
    const winningBid = k.hourly.ratio('bidSum', 'bidN');
    const unitCost = k.hourly.ratio('costSum', 'bidN');
    // Hours the run has not reached yet are left off.
    let hours = listing.length;
    while (hours > 0 && !listing[hours - 1] && !winningBid[hours - 1]) hours--;
    const upTo = (xs: number[]) => xs.slice(0, hours).map(round1);
    return {
      listing: upTo(listing),
      winningBid: upTo(winningBid),
      unitCost: upTo(unitCost),
      meanListing: round1(div(k.listingSum, k.placed)),
      meanWinningBid: round1(div(k.winningBidSum, k.awards)),
      meanUnitCost: round1(div(k.unitCostSum, k.awards)),
    };
  }
}

/** The snapshot before a run starts: nothing read yet. */
export function waitingSnapshot(run: string | null, wallMs = Date.now()): DashboardSnapshot {
  return {
    wallMs,
    run,
    listening: false,
    clock: null,
    events: {
      distinct: 0,
      duplicates: 0,
      unreadable: 0,
      byTopic: {},
      perSecond: { fromSec: Math.floor(wallMs / 1000) - RATE_SECONDS, byTopic: {} },
    },
    lag: { wallMs: 0, error: null, groups: [] },
    latency: [],
    orders: { byStage: [], tracked: 0, forgotten: 0 },
    leadTime: null,
    utilization: null,
    prices: null,
    take: null,
    capacity: [],
    deadLetters: { count: 0, byReason: [], recent: [] },
    recentOrders: { placed: [], ended: [] },
  };
}
