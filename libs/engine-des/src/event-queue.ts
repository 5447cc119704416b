/**
 * The future event list, ordered by simulated time, then by the order events were
 * scheduled in, so equal times resolve the same way on every run.
 *
 * Most events happen at the instant of their cause (a bid answers its invitation at once):
 * those wait in a FIFO rather than among the timers, as they come after everything
 * already scheduled for this instant and before anything later.
 *
 * Timers are a calendar: one bucket per window of simulated time (`bucketMs`, about a
 * minute). A timer for a later window is appended to that window's bucket, in O(1) and
 * unsorted; only the current window's timers sit in a binary heap. A world with a million
 * timers pending thus sifts through a heap of the next minute's few hundred, which stays
 * in cache, instead of one heap of them all, whose every pop wanders through memory. The
 * heap's keys (time, sequence) sit in typed arrays, so a sift compares numbers in place.
 */
import type { AnyEvent } from '@weft/domain';

const INITIAL_CAPACITY = 1 << 10;
/** The default window of a bucket: 2^16 ms, about a minute. */
export const BUCKET_MS = 1 << 16;

/** A later window's timers, in the order they were scheduled. */
interface Bucket {
  atMs: number[];
  seq: number[];
  events: AnyEvent[];
}

export class EventQueue {
  /** The time of the last event popped: events pushed for this instant go to the FIFO. */
  private nowMs = -Infinity;
  private nextSeq = 0;
  private now: (AnyEvent | undefined)[] = [];
  private nowHead = 0;
  /** The window whose timers are in the heap (-Infinity before the first is opened). */
  private window = -Infinity;
  private heapSize = 0;
  private heapAt = new Float64Array(INITIAL_CAPACITY);
  private heapSeq = new Float64Array(INITIAL_CAPACITY);
  private heapEvents: (AnyEvent | undefined)[] = [];
  /** Later windows' buckets (by window), and their windows in a min-heap. */
  private readonly buckets: (Bucket | undefined)[] = [];
  private readonly windows: number[] = [];
  private waiting = 0;

  constructor(private readonly bucketMs = BUCKET_MS) {}

  get size(): number {
    return this.heapSize + this.waiting + this.now.length - this.nowHead;
  }

  push(event: AnyEvent): void {
    const seq = this.nextSeq++;
    const atMs = event.atMs;
    if (atMs === this.nowMs) {
      this.now.push(event);
      return;
    }
    const window = Math.floor(atMs / this.bucketMs);
    if (window <= this.window) {
      this.heapPush(event, atMs, seq);
      return;
    }
    let bucket = this.buckets[window];
    if (!bucket) {
      bucket = { atMs: [], seq: [], events: [] };
      this.buckets[window] = bucket;
      pushWindow(this.windows, window);
    }
    bucket.atMs.push(atMs);
    bucket.seq.push(seq);
    bucket.events.push(event);
    this.waiting++;
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
    if (this.heapSize === 0 && !this.openNextWindow()) return undefined;
    this.nowMs = this.heapAt[0] as number;
    return this.heapPop();
  }

  /** Moves the next window's bucket into the heap; false when no timer is left. */
  private openNextWindow(): boolean {
    const window = popWindow(this.windows);
    if (window === undefined) return false;
    const bucket = this.buckets[window] as Bucket;
    this.buckets[window] = undefined;
    this.window = window;
    const { atMs, seq, events } = bucket;
    for (let i = 0; i < events.length; i++)
      this.heapPush(events[i] as AnyEvent, atMs[i] as number, seq[i] as number);
    this.waiting -= events.length;
    return true;
  }

  private heapPush(event: AnyEvent, atMs: number, seq: number): void {
    if (this.heapSize === this.heapAt.length) this.grow();
    const at = this.heapAt;
    const seqs = this.heapSeq;
    const events = this.heapEvents;
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

/** Adds a window to a min-heap of windows. */
function pushWindow(heap: number[], window: number): void {
  let i = heap.length;
  heap.push(window);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = heap[parent] as number;
    if (p <= window) break;
    heap[i] = p;
    i = parent;
  }
  heap[i] = window;
}

/** Takes the earliest window from a min-heap of windows. */
function popWindow(heap: number[]): number | undefined {
  const top = heap[0];
  const last = heap.pop();
  const n = heap.length;
  if (n === 0 || last === undefined) return top;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const c = r < n && (heap[r] as number) < (heap[l] as number) ? r : l;
    if (last <= (heap[c] as number)) break;
    heap[i] = heap[c] as number;
    i = c;
  }
  heap[i] = last;
  return top;
}
