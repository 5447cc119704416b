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
 * What keeps revisions: the list, and a time at or after every write in it. A read at or
 * after that time needs no look back, and does not touch the list: in one process, where
 * events are applied in time order, that is every read.
 */
export interface Revisable {
  revisions: Revision[];
  revisedToMs: number;
}

/**
 * The revisions of an owner in an engine that applies every event in time order (the
 * in-process one): no read there is earlier than a write already applied, so it is never
 * worth keeping one. `revise` then only moves `revisedToMs`.
 */
export const NO_REVISIONS: Revision[] = Object.freeze([]) as unknown as Revision[];

/** The time at or after every write in `revisions` (0 for none): `revisedToMs` of a loaded list. */
export function revisedTo(revisions: readonly Revision[]): number {
  let latest = 0;
  for (const r of revisions) latest = Math.max(latest, r[0]);
  return latest;
}

/**
 * The value of `slot` at `nowMs`: the value before the first write (in the order applied)
 * later than `nowMs`, or `current` when no such write was applied.
 */
export function valueAsOf(owner: Revisable, slot: number, current: number, nowMs: number): number {
  if (nowMs >= owner.revisedToMs) return current;
  const revisions = owner.revisions;
  // An indexed loop: destructuring each revision costs.
  for (let i = 0; i < revisions.length; i++) {
    const r = revisions[i] as Revision;
    if (r[1] === slot && r[0] > nowMs) return r[2];
  }
  return current;
}

/**
 * Keeps the revision of a write at `atMs` that replaced `before`. Revisions older than the
 * memory (counted from this write) are forgotten once a few have gathered, in one move
 * rather than one shift a write: keeping them a little longer changes no read.
 */
export function revise(owner: Revisable, atMs: number, slot: number, before: number): void {
  const revisions = owner.revisions;
  if (atMs > owner.revisedToMs) owner.revisedToMs = atMs;
  if (revisions === NO_REVISIONS) return;
  revisions.push([atMs, slot, before]);
  if (revisions.length < FORGET_AFTER) return;
  const forgetBefore = atMs - REVISION_MEMORY_MS;
  let k = 0;
  while (k < revisions.length && (revisions[k] as Revision)[0] < forgetBefore) k++;
  if (k > 0) revisions.splice(0, k);
}

/** How many revisions gather before the old ones are forgotten. */
export const FORGET_AFTER = 8;
