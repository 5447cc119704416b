/**
 * Wall-clock latency of the distributed engine, from the events themselves: how long each
 * immediate hop of an order's life took (a cause produced → its effect produced, one
 * service's consume, apply and produce in between), and how late timers fired against
 * the simulated clock. Times are Kafka's message timestamps (set when produced).
 */
import * as hdr from 'hdr-histogram-js';
import type { EventType } from '@weft/domain';

/** The hops that happen at once in simulated time, so their wall time is pure system latency. */
export const HOPS = [
  { name: 'placed→escrow', from: 'OrderPlaced', to: 'EscrowHeld', by: 'payments' },
  { name: 'escrow→accepted', from: 'EscrowHeld', to: 'OrderAccepted', by: 'shops' },
  { name: 'rfq→invited', from: 'RfqOpened', to: 'BidInvited', by: 'bidding' },
  { name: 'invited→answered', from: 'BidInvited', to: 'BidPlaced', by: 'bidding' },
  { name: 'awarded→scheduled', from: 'BidAwarded', to: 'ProductionScheduled', by: 'bidding' },
  { name: 'finished→shipped', from: 'ProductionFinished', to: 'OrderShipped', by: 'shops' },
  { name: 'delivered→settled', from: 'OrderDelivered', to: 'EscrowReleased', by: 'payments' },
  { name: 'delivered→rated', from: 'OrderDelivered', to: 'RatingGiven', by: 'consumers' },
] as const satisfies readonly { name: string; from: EventType; to: EventType; by: string }[];

/**
 * Events that a timer brings about and a role waits for: their lateness is how far behind
 * the clock they went out. (A production start is a timer too, but a fact nobody reacts
 * to: the clock does not wait for it, and it may trail.)
 */
const TIMER_FIRED = new Set<EventType>([
  'ArrivalDue',
  'RfqClosed',
  'ProductionFinished',
  'OrderDelivered',
]);

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

export interface LatencyReport {
  hops: Record<string, LatencySummary>;
  /** Wall ms from when the clock let a timer fire to when its event was produced. */
  timerLateness: LatencySummary;
  /**
   * Simulated ms the clock (its frontier: what every role has applied) had moved past a
   * timer's time when its event was produced. The clock waits for what is owed, so this
   * is 0 unless the clock is broken. (`Ms` figures here are simulated milliseconds.)
   */
  timerLatenessSim?: LatencySummary;
  /**
   * Simulated ms by which later timers could already fire when a timer's event was
   * produced: how far events may meet out of their simulated order (at most the lookahead).
   */
  timerReorderSim?: LatencySummary;
}

/** How the simulated clock moved in wall time, as far as an observer has seen it. */
export interface ClockView {
  /** The wall time at which timers at `simMs` could first fire (NaN: not seen). */
  wallWhenFireable(simMs: number): number;
  /** Where the clock stood at `wallMs` (undefined: it had not started). */
  at(wallMs: number): { doneUntilMs: number; fireUntilMs: number } | undefined;
}

const RELEVANT = new Map<EventType, number>();
for (const h of HOPS) {
  for (const t of [h.from, h.to]) if (!RELEVANT.has(t)) RELEVANT.set(t, RELEVANT.size);
}

const newHistogram = () =>
  hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000,
    numberOfSignificantValueDigits: 2,
  });

const newSimHistogram = () =>
  hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 7 * 24 * 3_600_000,
    numberOfSignificantValueDigits: 2,
  });

function summarise(h: hdr.Histogram): LatencySummary {
  const n = h.totalCount;
  return {
    count: n,
    p50Ms: n ? h.getValueAtPercentile(50) : 0,
    p90Ms: n ? h.getValueAtPercentile(90) : 0,
    p99Ms: n ? h.getValueAtPercentile(99) : 0,
    p999Ms: n ? h.getValueAtPercentile(99.9) : 0,
    maxMs: n ? h.maxValue : 0,
  };
}

/** One hop's histogram as HdrHistogram's compressed base64 form (what `/latency/histograms` serves). */
export type EncodedHistograms = Record<string, string>;

/**
 * Each hop's latency between two snapshots of `HopLatency.histograms()` (an absent `before`:
 * since the start): what a window of a run measured, with exact percentiles.
 */
export function latencyBetween(
  before: EncodedHistograms | undefined,
  after: EncodedHistograms,
): Record<string, LatencySummary> {
  return Object.fromEntries(
    Object.entries(after).map(([hop, encoded]) => {
      const h = hdr.decodeFromCompressedBase64(encoded);
      const earlier = before?.[hop];
      if (earlier) h.subtract(hdr.decodeFromCompressedBase64(earlier));
      return [hop, summarise(h)];
    }),
  );
}

export class HopLatency {
  private readonly hops = HOPS.map(() => newHistogram());
  private readonly lateness = newHistogram();
  private readonly latenessSim = newSimHistogram();
  private readonly reorderSim = newSimHistogram();
  /** Called with each hop measured (a metrics histogram, say). */
  onHop?: (hop: string, ms: number) => void;
  /** Per order, the wall time each relevant type was first produced (NaN: not yet). */
  private readonly orders = new Map<string, Float64Array>();

  /**
   * @param clock how the simulated clock moved (for timer lateness); omit it to track
   *   hops only.
   * @param maxOrders orders remembered at once; the oldest are forgotten beyond it.
   */
  constructor(
    private readonly clock?: ClockView,
    private readonly maxOrders = 100_000,
  ) {}

  /** Sees one event (each id once), produced at `wallMs`. Order of arrival does not matter. */
  observe(type: EventType, orderId: string, atMs: number, wallMs: number): void {
    if (this.clock && TIMER_FIRED.has(type)) {
      const late = wallMs - this.clock.wallWhenFireable(atMs);
      if (Number.isFinite(late)) this.lateness.recordValue(Math.max(0, Math.round(late)));
      const clock = this.clock.at(wallMs);
      if (clock) {
        this.latenessSim.recordValue(Math.max(0, Math.round(clock.doneUntilMs - atMs)));
        this.reorderSim.recordValue(Math.max(0, Math.round(clock.fireUntilMs - atMs)));
      }
    }
    const slot = RELEVANT.get(type);
    if (slot === undefined || orderId === '') return;
    let times = this.orders.get(orderId);
    if (!times) {
      times = new Float64Array(RELEVANT.size).fill(NaN);
      this.orders.set(orderId, times);
      if (this.orders.size > this.maxOrders) {
        const oldest = this.orders.keys().next().value;
        if (oldest !== undefined) this.orders.delete(oldest);
      }
    }
    if (!Number.isNaN(times[slot] ?? NaN)) return; // a later answer of the same kind
    times[slot] = wallMs;
    HOPS.forEach((h, i) => {
      if (h.from !== type && h.to !== type) return;
      const from = times[RELEVANT.get(h.from) ?? -1] ?? NaN;
      const to = times[RELEVANT.get(h.to) ?? -1] ?? NaN;
      if (Number.isNaN(from) || Number.isNaN(to)) return;
      const ms = Math.max(0, Math.round(to - from));
      this.hops[i]?.recordValue(ms);
      this.onHop?.(h.name, ms);
    });
  }

  /** Every hop's histogram so far, compressed: two of them give a window (`latencyBetween`). */
  histograms(): EncodedHistograms {
    return Object.fromEntries(
      HOPS.map((h, i) => [h.name, hdr.encodeIntoCompressedBase64(this.hops[i] ?? newHistogram())]),
    );
  }

  report(): LatencyReport {
    return {
      hops: Object.fromEntries(
        HOPS.map((h, i) => [h.name, summarise(this.hops[i] ?? newHistogram())]),
      ),
      timerLateness: summarise(this.lateness),
      timerLatenessSim: summarise(this.latenessSim),
      timerReorderSim: summarise(this.reorderSim),
    };
  }
}
