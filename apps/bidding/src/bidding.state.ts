/**
 * Bidding's state in Redis: each workshop's mark-up, the end of its queue and its rating,
 * in one hash. Events that change a workshop travel keyed by it, so one instance owns
 * each at a time.
 */
import type Redis from 'ioredis';
import type { ChainableCommander } from 'ioredis';
import {
  BiddingRole,
  createWorkshops,
  revisedTo,
  type AnyEvent,
  type Scenario,
  type Workshop,
} from '@weft/domain';
import { RunKeys } from '@weft/contracts';
import type { RoleStateView, RoleStore } from '@weft/kafka';
import { watchBidding } from './bidding.metrics';

/** The part of a workshop that changes during a run. */
export type StoredWorkshop = Pick<
  Workshop,
  'markup' | 'busyUntilMs' | 'rating' | 'ratingsReceived' | 'revisions'
>;

function touched(events: readonly AnyEvent[]): number[] {
  const ids = new Set<number>();
  for (const e of events)
    if (
      e.type === 'BidInvited' ||
      e.type === 'BidAwarded' ||
      e.type === 'RatingGiven' ||
      e.type === 'BatchOrdered'
    )
      ids.add(e.data.workshopId);
  return [...ids];
}

export class BiddingStore implements RoleStore {
  readonly role: BiddingRole;
  private readonly initial: Workshop[];

  constructor(scenario: Scenario) {
    this.initial = createWorkshops(scenario);
    this.role = new BiddingRole(scenario, createWorkshops(scenario));
  }

  async load(redis: Redis, events: readonly AnyEvent[]): Promise<void> {
    const ids = touched(events);
    if (ids.length === 0) return;
    const values = await redis.hmget(RunKeys.workshops, ...ids.map(String));
    ids.forEach((id, i) => {
      const w = this.role.workshops[id];
      const first = this.initial[id];
      if (!w || !first) return;
      const raw = values[i];
      const saved: StoredWorkshop = raw ? (JSON.parse(raw) as StoredWorkshop) : first;
      w.markup = saved.markup;
      w.busyUntilMs = saved.busyUntilMs;
      w.rating = saved.rating;
      w.ratingsReceived = saved.ratingsReceived;
      w.revisions = saved.revisions.slice();
      w.revisedToMs = revisedTo(w.revisions);
    });
  }

  persist(multi: ChainableCommander, events: readonly AnyEvent[]): void {
    const ids = touched(events);
    if (ids.length === 0) return;
    const fields: string[] = [];
    for (const id of ids) {
      const w = this.role.workshops[id];
      if (!w) continue;
      const saved: StoredWorkshop = {
        markup: w.markup,
        busyUntilMs: w.busyUntilMs,
        rating: w.rating,
        ratingsReceived: w.ratingsReceived,
        revisions: w.revisions,
      };
      fields.push(String(id), JSON.stringify(saved));
    }
    // Events may name no workshop of this world (an order shipped from a wholesaler's
    // stock is rated with workshop -1): nothing to write, and HSET takes no empty list.
    if (fields.length > 0) multi.hset(RunKeys.workshops, ...fields);
  }

  watch(view: RoleStateView): void {
    watchBidding(view);
  }
}
