/**
 * The future event list, ordered by simulated time, then by the order events were
 * scheduled in, so equal times resolve the same way on every run.
 *
 * Most events happen at the instant of their cause (a bid answers its invitation at once):
 * those wait in a FIFO rather than the heap, as they come after everything already
 * scheduled for this instant and before anything later. Only timers go through the heap,
 * whose keys (time, sequence) sit in typed arrays so a sift compares numbers in place
 * instead of following a pointer to each event.
 */
import type { AnyEvent } from '@weft/domain';

const INITIAL_CAPACITY = 1 << 10;

export class EventQueue {
  /** The time of the last event popped: events pushed for this instant go to the FIFO. */
  private nowMs = -Infinity;
  private nextSeq = 0;
  private now: (AnyEvent | undefined)[] = [];
  private nowHead = 0;
  private heapSize = 0;
  private heapAt = new Float64Array(INITIAL_CAPACITY);
  private heapSeq = new Float64Array(INITIAL_CAPACITY);
  private heapEvents: (AnyEvent | undefined)[] = [];

  get size(): number {
    return this.heapSize + this.now.length - this.nowHead;
  }

  push(event: AnyEvent): void {
    const seq = this.nextSeq++;
    if (event.atMs === this.nowMs) this.now.push(event);
    else this.heapPush(event, seq);
  }

  pop(): AnyEvent | undefined {
    // Timers due now were scheduled before now came, so ahead of anything in the FIFO.
    if (this.heapSize > 0 && (this.heapAt[0] as number) <= this.nowMs) return this.heapPop();
    if (this.nowHead < this.now.length) {
      const event = this.now[this.nowHead];
      this.now[this.nowHead++] = undefined;
      if (this.nowHead === this.now.length) {
        this.now.length = 0;
        this.nowHead = 0;
      }
      return event;
    }
    if (this.heapSize === 0) return undefined;
    this.nowMs = this.heapAt[0] as number;
    return this.heapPop();
  }

  private heapPush(event: AnyEvent, seq: number): void {
    if (this.heapSize === this.heapAt.length) this.grow();
    const at = this.heapAt;
    const seqs = this.heapSeq;
    const events = this.heapEvents;
    const atMs = event.atMs;
    let i = this.heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pa = at[parent] as number;
      if (pa < atMs || (pa === atMs && (seqs[parent] as number) < seq)) break;
      at[i] = pa;
      seqs[i] = seqs[parent] as number;
      events[i] = events[parent];
      i = parent;
    }
    at[i] = atMs;
    seqs[i] = seq;
    events[i] = event;
  }

  private heapPop(): AnyEvent {
    const at = this.heapAt;
    const seqs = this.heapSeq;
    const events = this.heapEvents;
    const top = events[0] as AnyEvent;
    const n = --this.heapSize;
    const lastAt = at[n] as number;
    const lastSeq = seqs[n] as number;
    const last = events[n];
    events[n] = undefined;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      let ca = at[l] as number;
      if (r < n) {
        const ra = at[r] as number;
        if (ra < ca || (ra === ca && (seqs[r] as number) < (seqs[l] as number))) {
          c = r;
          ca = ra;
        }
      }
      if (lastAt < ca || (lastAt === ca && lastSeq < (seqs[c] as number))) break;
      at[i] = ca;
      seqs[i] = seqs[c] as number;
      events[i] = events[c];
      i = c;
    }
    at[i] = lastAt;
    seqs[i] = lastSeq;
    events[i] = last;
    return top;
  }

  private grow(): void {
    const at = new Float64Array(this.heapAt.length * 2);
    const seqs = new Float64Array(this.heapSeq.length * 2);
    at.set(this.heapAt);
    seqs.set(this.heapSeq);
    this.heapAt = at;
    this.heapSeq = seqs;
  }
}
