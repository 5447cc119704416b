/**
 * Messages per topic: a running total, and how many came in each of the last wall seconds.
 * One small ring per topic, reused: counting a message costs an index and an add.
 */

/** Seconds a ring holds: a minute on the page, and a few seconds for late messages. */
const RING_SECONDS = 64;

class SecondRing {
  total = 0;
  private readonly counts = new Uint32Array(RING_SECONDS);
  /** The epoch second each slot counts now. */
  private readonly seconds = new Float64Array(RING_SECONDS).fill(-1);

  add(wallMs: number, n: number): void {
    this.total += n;
    const second = Math.floor(wallMs / 1000);
    const slot = second % RING_SECONDS;
    if (this.seconds[slot] !== second) {
      // A message older than the ring is counted in the total only.
      if ((this.seconds[slot] ?? -1) > second) return;
      this.seconds[slot] = second;
      this.counts[slot] = 0;
    }
    this.counts[slot] = (this.counts[slot] ?? 0) + n;
  }

  /** Counts of `n` seconds from `fromSec` on (0 where nothing came). */
  window(fromSec: number, n: number): number[] {
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const second = fromSec + i;
      const slot = second % RING_SECONDS;
      out[i] = this.seconds[slot] === second ? (this.counts[slot] ?? 0) : 0;
    }
    return out;
  }
}

export class TopicRates {
  private readonly rings = new Map<string, SecondRing>();

  /** The ring of one topic: a batch looks it up once, then counts each message into it. */
  of(topic: string): { add(wallMs: number, n: number): void } {
    let ring = this.rings.get(topic);
    if (!ring) this.rings.set(topic, (ring = new SecondRing()));
    return ring;
  }

  totals(): Record<string, number> {
    return Object.fromEntries([...this.rings].map(([t, r]) => [t, r.total]));
  }

  /**
   * Per topic, messages in each of the `seconds` whole seconds before `nowMs` (the current
   * second is still filling), for the topics that had any.
   */
  window(nowMs: number, seconds: number): { fromSec: number; byTopic: Record<string, number[]> } {
    const n = Math.min(seconds, RING_SECONDS - 2);
    const fromSec = Math.floor(nowMs / 1000) - n;
    const byTopic: Record<string, number[]> = {};
    for (const [topic, ring] of this.rings) {
      const counts = ring.window(fromSec, n);
      if (counts.some((c) => c > 0)) byTopic[topic] = counts;
    }
    return { fromSec, byTopic };
  }
}
