/**
 * The future event list: a binary min-heap ordered by simulated time, then by the order
 * events were scheduled in, so equal times resolve the same way on every run.
 */
import type { AnyEvent } from '@weft/domain';

export class EventQueue {
  private events: AnyEvent[] = [];
  private seqs: number[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.events.length;
  }

  push(event: AnyEvent): void {
    const events = this.events;
    const seqs = this.seqs;
    const seq = this.nextSeq++;
    let i = events.length;
    events.push(event);
    seqs.push(seq);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pe = events[parent] as AnyEvent;
      if (pe.atMs < event.atMs || (pe.atMs === event.atMs && (seqs[parent] as number) < seq)) break;
      events[i] = pe;
      seqs[i] = seqs[parent] as number;
      i = parent;
    }
    events[i] = event;
    seqs[i] = seq;
  }

  pop(): AnyEvent | undefined {
    const events = this.events;
    const seqs = this.seqs;
    const top = events[0];
    const last = events.pop();
    const lastSeq = seqs.pop();
    if (events.length === 0 || last === undefined || lastSeq === undefined) return top;
    const n = events.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      const le = events[l] as AnyEvent;
      if (r < n) {
        const re = events[r] as AnyEvent;
        if (re.atMs < le.atMs || (re.atMs === le.atMs && (seqs[r] as number) < (seqs[l] as number)))
          c = r;
      }
      const ce = events[c] as AnyEvent;
      if (last.atMs < ce.atMs || (last.atMs === ce.atMs && lastSeq < (seqs[c] as number))) break;
      events[i] = ce;
      seqs[i] = seqs[c] as number;
      i = c;
    }
    events[i] = last;
    seqs[i] = lastSeq;
    return top;
  }
}
