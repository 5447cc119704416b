import fc from 'fast-check';
import type { AnyEvent } from '@weft/domain';
import { EventQueue } from './event-queue';

const anEvent = (atMs: number, n: number) =>
  ({ id: `e${n}`, type: 'ArrivalDue', atMs, orderId: '', data: { n } }) as AnyEvent;

describe('the event queue', () => {
  it('pops in time order, and events of the same time in the order they were pushed', () => {
    const q = new EventQueue();
    for (const [at, n] of [
      [5, 0],
      [1, 1],
      [5, 2],
      [1, 3],
      [0, 4],
    ])
      q.push(anEvent(at as number, n as number));
    expect(Array.from({ length: 5 }, () => q.pop()?.id)).toEqual(['e4', 'e1', 'e3', 'e0', 'e2']);
    expect([q.pop(), q.size]).toEqual([undefined, 0]);
  });

  it('puts a timer scheduled earlier for this instant before what is caused at it', () => {
    const q = new EventQueue();
    q.push(anEvent(10, 0));
    q.push(anEvent(10, 1)); // a timer for the same instant, scheduled before it came
    expect(q.pop()?.id).toBe('e0');
    q.push(anEvent(10, 2)); // caused now: after the timer already waiting
    q.push(anEvent(11, 3));
    q.push(anEvent(10, 4));
    expect(Array.from({ length: 4 }, () => q.pop()?.id)).toEqual(['e1', 'e2', 'e4', 'e3']);
  });

  it.each([
    ['one bucket', undefined],
    ['buckets of 2 ms', 2],
    ['buckets of 1 ms', 1],
  ])(
    'agrees with sorting by (time, push order) whatever is pushed while popping (%s)',
    (_name, bucketMs) => {
      // Each step pushes events at or after the last time popped, then pops some.
      const step = fc.tuple(fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 6 }), fc.nat(4));
      fc.assert(
        fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
          const q = new EventQueue(bucketMs);
          const reference: { atMs: number; n: number }[] = [];
          let now = 0;
          let n = 0;
          for (const [delays, pops] of steps) {
            for (const d of delays) {
              q.push(anEvent(now + d, n));
              reference.push({ atMs: now + d, n: n++ });
            }
            reference.sort((a, b) => a.atMs - b.atMs || a.n - b.n);
            for (let i = 0; i < pops && reference.length > 0; i++) {
              const want = reference.shift();
              const got = q.pop();
              expect(got?.id).toBe(`e${want?.n}`);
              now = got?.atMs ?? now;
            }
            expect(q.size).toBe(reference.length);
          }
        }),
      );
    },
  );
});
