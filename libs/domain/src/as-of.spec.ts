import {
  FORGET_AFTER,
  NO_REVISIONS,
  REVISION_MEMORY_MS,
  revise,
  revisedTo,
  valueAsOf,
  type Revisable,
} from './as-of';

const owner = (): Revisable => ({ revisions: [], revisedToMs: 0 });

describe('values as they stood at a simulated time', () => {
  it('reads the value before the first later write of the same slot', () => {
    const o = owner();
    revise(o, 1_000, 2, 500); // category 2: 500 → (a later write at 1 s)
    revise(o, 2_000, 2, 480);
    revise(o, 1_500, 3, 900);
    expect(valueAsOf(o, 2, 470, 500)).toBe(500);
    expect(valueAsOf(o, 2, 470, 1_000)).toBe(480);
    expect(valueAsOf(o, 2, 470, 2_000)).toBe(470);
    expect(valueAsOf(o, 3, 880, 1_000)).toBe(900);
    expect(valueAsOf(o, 4, 123, 0)).toBe(123);
  });

  it('knows the latest write, whatever order writes were applied in, and so does a loaded list', () => {
    const o = owner();
    revise(o, 2_000, 0, 1);
    revise(o, 1_500, 1, 2); // applied after a later write
    expect(o.revisedToMs).toBe(2_000);
    expect(revisedTo(o.revisions)).toBe(2_000);
    expect(revisedTo([])).toBe(0);
    // A read at the latest write or after it sees the current value.
    expect(valueAsOf(o, 0, 7, 2_000)).toBe(7);
    expect(valueAsOf(o, 0, 7, 1_999)).toBe(1);
  });

  it('keeps nothing but the latest time in a list that keeps no revisions', () => {
    const o: Revisable = { revisions: NO_REVISIONS, revisedToMs: 0 };
    revise(o, 1_000, 0, 5);
    revise(o, 3_000, 1, 6);
    expect([o.revisions, NO_REVISIONS.length, o.revisedToMs]).toEqual([NO_REVISIONS, 0, 3_000]);
    expect(valueAsOf(o, 0, 7, 3_000)).toBe(7);
  });

  it('forgets writes older than its memory, counted from the newest, once a few have gathered', () => {
    const o = owner();
    revise(o, 0, 0, 1);
    revise(o, REVISION_MEMORY_MS, 0, 2);
    revise(o, REVISION_MEMORY_MS + 5, 0, 3);
    expect(o.revisions).toHaveLength(3);
    for (let i = 3; i < FORGET_AFTER; i++) revise(o, REVISION_MEMORY_MS + 5 + i, 0, 4);
    expect(o.revisions.map(([t]) => t).slice(0, 2)).toEqual([
      REVISION_MEMORY_MS,
      REVISION_MEMORY_MS + 5,
    ]);
    expect(o.revisions).toHaveLength(FORGET_AFTER - 1);
  });
});
