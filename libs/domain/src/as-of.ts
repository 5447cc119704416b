/**
 * State as it stood at a simulated time. Some state is written by one chain of events and
 * read by another: a workshop's queue (written by awards, read by invitations), its rating
 * (written by ratings, read by invitations), a shop's sourcing cost (written by awards,
 * read by new orders). The in-process engine applies events in time order, so a reader
 * sees every write before its time and none after. The distributed engine may apply a
 * later write first, when its chain is shorter; a reader then looks past that write to
 * the value before it, as the in-process engine would have. Each write keeps, for a few
 * minutes, its time and the value it replaced: a revision.
 */
import { MINUTE_MS } from './time';

/** `[time of the write, which value (a category, or 0), the value before it]`. */
export type Revision = [atMs: number, slot: number, before: number];

/** How long a revision is kept: well past how far events may meet out of order. */
export const REVISION_MEMORY_MS = 10 * MINUTE_MS;

/**
 * The value of `slot` at `nowMs`: the value before the first write (in the order applied)
 * later than `nowMs`, or `current` when no such write was applied.
 */
export function valueAsOf(
  revisions: readonly Revision[],
  slot: number,
  current: number,
  nowMs: number,
): number {
  // An indexed loop: this runs for every invitation, and destructuring each revision costs.
  for (let i = 0; i < revisions.length; i++) {
    const r = revisions[i] as Revision;
    if (r[1] === slot && r[0] > nowMs) return r[2];
  }
  return current;
}

/** Keeps the revision of a write at `atMs` that replaced `before`, and forgets old ones. */
export function revise(revisions: Revision[], atMs: number, slot: number, before: number): void {
  revisions.push([atMs, slot, before]);
  const forgetBefore = atMs - REVISION_MEMORY_MS;
  while (revisions.length > 0 && (revisions[0]?.[0] ?? 0) < forgetBefore) revisions.shift();
}
