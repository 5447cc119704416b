/**
 * Bidding's state in Redis: each workshop's mark-up and the end of its queue, in one hash.
 * Events that change a workshop travel keyed by it, so one instance owns each at a time.
 */
import type Redis from 'ioredis';
import type { ChainableCommander } from 'ioredis';
import {
  BiddingRole,
  createWorkshops,
  type AnyEvent,
  type Scenario,
  type Workshop,
} from '@weft/domain';
import type { RoleStore } from '@weft/kafka';

const KEY = 'bidding:workshops';

function touched(events: readonly AnyEvent[]): number[] {
  const ids = new Set<number>();
  for (const e of events)
    if (e.type === 'BidInvited' || e.type === 'BidAwarded') ids.add(e.data.workshopId);
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
    const values = await redis.hmget(KEY, ...ids.map(String));
    ids.forEach((id, i) => {
      const w = this.role.workshops[id];
      const first = this.initial[id];
      if (!w || !first) return;
      const saved = values[i]
        ? (JSON.parse(values[i] as string) as Pick<Workshop, 'markup' | 'busyUntilMs'>)
        : first;
      w.markup = saved.markup;
      w.busyUntilMs = saved.busyUntilMs;
    });
  }

  persist(multi: ChainableCommander, events: readonly AnyEvent[]): void {
    const ids = touched(events);
    if (ids.length === 0) return;
    const fields: string[] = [];
    for (const id of ids) {
      const w = this.role.workshops[id];
      if (w)
        fields.push(String(id), JSON.stringify({ markup: w.markup, busyUntilMs: w.busyUntilMs }));
    }
    multi.hset(KEY, ...fields);
  }
}
