/**
 * Shops' state in Redis: each open order (a key, deleted when shipped or cancelled), each
 * shop's running sourcing costs (a hash field per shop) and the workshops' ratings as the
 * shops see them (a hash). Loaded per batch, written back in the batch's transaction.
 */
import type Redis from 'ioredis';
import type { ChainableCommander } from 'ioredis';
import {
  ShopsRole,
  createShops,
  createWorkshops,
  workshopsByCategory,
  type AnyEvent,
  type Scenario,
} from '@weft/domain';
import type { RoleStore } from '@weft/kafka';

const orderKey = (orderId: string) => `shops:order:${orderId}`;
const COSTS = 'shops:costs';
const WORKSHOP_RATINGS = 'shops:workshop-ratings';
const SHOP_RATINGS = 'shops:shop-ratings';

type OpenOrder = ShopsRole['open'] extends Map<string, infer O> ? O : never;

const shopIds = (events: readonly AnyEvent[]) =>
  [...new Set(events.map((e) => (e.data as { shopId?: number }).shopId ?? -1))].filter(
    (s) => s >= 0,
  );
const orderIds = (events: readonly AnyEvent[]) => [
  ...new Set(events.filter((e) => e.type !== 'RatingGiven').map((e) => e.orderId)),
];

export class ShopsStore implements RoleStore {
  readonly role: ShopsRole;
  private readonly initialCosts: string[];

  constructor(scenario: Scenario) {
    const shops = createShops(scenario);
    this.initialCosts = shops.map((s) => JSON.stringify(Array.from(s.sourcingCostCents)));
    this.role = new ShopsRole(
      scenario,
      shops,
      workshopsByCategory(scenario, createWorkshops(scenario)),
    );
  }

  async load(redis: Redis, events: readonly AnyEvent[]): Promise<void> {
    const orders = orderIds(events);
    const shops = shopIds(events);
    const needRatings = events.some((e) => e.type === 'RfqClosed' || e.type === 'RatingGiven');
    const p = redis.pipeline();
    p.mget(orders.length > 0 ? orders.map(orderKey) : ['-']);
    p.hmget(COSTS, ...(shops.length > 0 ? shops.map(String) : ['-']));
    if (needRatings) p.hgetall(WORKSHOP_RATINGS);
    const res = (await p.exec()) ?? [];
    const orderValues = (res[0]?.[1] ?? []) as (string | null)[];
    const costValues = (res[1]?.[1] ?? []) as (string | null)[];
    this.role.open.clear();
    orders.forEach((id, i) => {
      const v = orderValues[i];
      if (v) this.role.open.set(id, JSON.parse(v) as OpenOrder);
    });
    shops.forEach((id, i) => {
      const shop = this.role.shops[id];
      const costs = JSON.parse(costValues[i] ?? this.initialCosts[id] ?? '[]') as number[];
      if (shop) costs.forEach((c, k) => (shop.sourcingCostCents[k] = c));
    });
    if (needRatings) {
      const ratings = (res[2]?.[1] ?? {}) as Record<string, string>;
      this.role.workshopRating.fill(4);
      for (const [id, r] of Object.entries(ratings))
        this.role.workshopRating[Number(id)] = Number(r);
    }
  }

  persist(multi: ChainableCommander, events: readonly AnyEvent[]): void {
    for (const id of orderIds(events)) {
      const order = this.role.open.get(id);
      if (order) multi.set(orderKey(id), JSON.stringify(order));
      else multi.del(orderKey(id));
    }
    const shops = shopIds(events);
    if (shops.length > 0) {
      multi.hset(
        COSTS,
        ...shops.flatMap((id) => [
          String(id),
          JSON.stringify(Array.from(this.role.shops[id]?.sourcingCostCents ?? [])),
        ]),
      );
    }
    for (const e of events) {
      if (e.type !== 'RatingGiven') continue;
      multi.hset(
        WORKSHOP_RATINGS,
        String(e.data.workshopId),
        String(this.role.workshopRating[e.data.workshopId]),
      );
      multi.hset(SHOP_RATINGS, String(e.data.shopId), String(this.role.shopRating[e.data.shopId]));
    }
  }
}
