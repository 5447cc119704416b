/**
 * Consumers' state in Redis: the consumers' view of the shops (listing per shop and
 * category, rating per shop) and the news the catalogue has not shown yet (a sorted set
 * by when it shows), loaded once at start and written through per batch. The consumers
 * service is the load generator and runs as one instance: its arrival stream is a single
 * timer chain.
 */
import type Redis from 'ioredis';
import type { ChainableCommander } from 'ioredis';
import {
  ConsumersRole,
  createShops,
  initialShopView,
  type AnyEvent,
  type CatalogueNews,
  type Scenario,
} from '@weft/domain';
import { RunKeys } from '@weft/contracts';
import type { RoleStateView, RoleStore } from '@weft/kafka';
import { watchConsumers } from './consumers.metrics';

const LISTINGS = RunKeys.consumerListings;
const RATINGS = RunKeys.consumerRatings;
const CATALOGUE = RunKeys.consumerCatalogue;

export class ConsumersStore implements RoleStore {
  readonly role: ConsumersRole;
  private walkedBefore = 0;
  private pendingBefore = new Set<CatalogueNews>();

  constructor(private readonly scenario: Scenario) {
    this.role = new ConsumersRole(scenario, initialShopView(scenario, createShops(scenario)));
  }

  /** Loads the view from Redis over the world's first one: at start, and after a fenced batch. */
  async init(redis: Redis): Promise<void> {
    const [listings, ratings, pending] = await Promise.all([
      redis.hgetall(LISTINGS),
      redis.hgetall(RATINGS),
      redis.zrange(CATALOGUE, 0, -1),
    ]);
    const first = initialShopView(this.scenario, createShops(this.scenario));
    this.role.view.listingUnitCents.set(first.listingUnitCents);
    this.role.view.rating.set(first.rating);
    for (const [i, v] of Object.entries(listings))
      this.role.view.listingUnitCents[Number(i)] = Number(v);
    for (const [i, v] of Object.entries(ratings)) this.role.view.rating[Number(i)] = Number(v);
    this.role.catalogue.pending = pending.map((m) => JSON.parse(m) as CatalogueNews);
  }

  async load(): Promise<void> {
    this.walkedBefore = this.role.walkedAway;
    this.pendingBefore = new Set(this.role.catalogue.pending);
    this.role.catalogue.shown.length = 0;
  }

  persist(multi: ChainableCommander, _events: readonly AnyEvent[]): void {
    const { view, catalogue } = this.role;
    // News heard in this batch waits in the sorted set; news shown leaves it for the view.
    const heard = catalogue.pending.filter((n) => !this.pendingBefore.has(n));
    if (heard.length > 0)
      multi.zadd(CATALOGUE, ...heard.flatMap((n) => [n.atMs, JSON.stringify(n)]));
    for (const n of catalogue.shown) {
      if (this.pendingBefore.has(n)) multi.zrem(CATALOGUE, JSON.stringify(n));
      if (n.kind === 'listing')
        multi.hset(LISTINGS, String(n.slot), String(view.listingUnitCents[n.slot]));
      else multi.hset(RATINGS, String(n.slot), String(view.rating[n.slot]));
    }
    const walked = this.role.walkedAway - this.walkedBefore;
    if (walked > 0) multi.hincrby(RunKeys.consumerStats, 'walkedAway', walked);
  }

  watch(view: RoleStateView): void {
    watchConsumers(this.role, view);
  }
}
