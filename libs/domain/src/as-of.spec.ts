import { REVISION_MEMORY_MS, revise, valueAsOf, type Revision } from './as-of';

describe('values as they stood at a simulated time', () => {
  it('reads the value before the first later write of the same slot', () => {
    const revisions: Revision[] = [];
    revise(revisions, 1_000, 2, 500); // category 2: 500 → (a later write at 1 s)
    revise(revisions, 2_000, 2, 480);
    revise(revisions, 1_500, 3, 900);
    expect(valueAsOf(revisions, 2, 470, 500)).toBe(500);
    expect(valueAsOf(revisions, 2, 470, 1_000)).toBe(480);
    expect(valueAsOf(revisions, 2, 470, 2_000)).toBe(470);
    expect(valueAsOf(revisions, 3, 880, 1_000)).toBe(900);
    expect(valueAsOf(revisions, 4, 123, 0)).toBe(123);
  });

  it('forgets writes older than its memory, counted from the newest', () => {
    const revisions: Revision[] = [];
    revise(revisions, 0, 0, 1);
    revise(revisions, REVISION_MEMORY_MS, 0, 2);
    revise(revisions, REVISION_MEMORY_MS + 5, 0, 3);
    expect(revisions.map(([t]) => t)).toEqual([REVISION_MEMORY_MS, REVISION_MEMORY_MS + 5]);
  });
});
