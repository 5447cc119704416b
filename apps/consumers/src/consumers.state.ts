/**
 * Consumers' state in Redis: the consumers' view of the shops (listing per shop and
 * category, rating per shop), loaded once at start and written through per batch. The
 * consumers service is the load generator and runs as one instance: its arrival stream
 * is a single timer chain.
 */
import type Redis from 'ioredis';
import type { ChainableCommander } from 'ioredis';
import {
  ConsumersRole,
  createShops,
  initialShopView,
  type AnyEvent,
  type Scenario,
} from '@weft/domain';
import { RunKeys } from '@weft/contracts';
import type { RoleStore } from '@weft/kafka';

const LISTINGS = RunKeys.consumerListings;
const RATINGS = RunKeys.consumerRatings;

export class ConsumersStore implements RoleStore {
  readonly role: ConsumersRole;
  private walkedBefore = 0;

  constructor(scenario: Scenario) {
    this.role = new ConsumersRole(scenario, initialShopView(scenario, createShops(scenario)));
  }

  async init(redis: Redis): Promise<void> {
    const [listings, ratings] = await Promise.all([
      redis.hgetall(LISTINGS),
      redis.hgetall(RATINGS),
    ]);
    for (const [i, v] of Object.entries(listings))
      this.role.view.listingUnitCents[Number(i)] = Number(v);
    for (const [i, v] of Object.entries(ratings)) this.role.view.rating[Number(i)] = Number(v);
  }

  async load(): Promise<void> {
    this.walkedBefore = this.role.walkedAway;
  }

  persist(multi: ChainableCommander, events: readonly AnyEvent[]): void {
    const view = this.role.view;
    for (const e of events) {
      if (e.type === 'OrderAccepted') {
        const i = e.data.shopId * view.categories + e.data.category;
        multi.hset(LISTINGS, String(i), String(view.listingUnitCents[i]));
      } else if (e.type === 'OrderDelivered') {
        multi.hset(RATINGS, String(e.data.shopId), String(view.rating[e.data.shopId]));
      }
    }
    const walked = this.role.walkedAway - this.walkedBefore;
    if (walked > 0) multi.hincrby(RunKeys.consumerStats, 'walkedAway', walked);
  }
}
