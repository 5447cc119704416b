/**
 * Shops' state in Redis: each open order (a key, deleted when shipped or cancelled) and
 * each shop's running sourcing costs (a hash field per shop, with the count of awards that
 * moved them). Every event a shop decides from travels keyed by the shop, so one instance
 * owns each shop: its field is read and written by that instance alone. Loaded per batch,
 * written back in the batch's transaction.
 */
import type Redis from 'ioredis';
import type { ChainableCommander } from 'ioredis';
import {
  ShopsRole,
  createShops,
  createWorkshops,
  revisedTo,
  workshopsByCategory,
  type AnyEvent,
  type OrderMap,
  type Revision,
  type Scenario,
} from '@weft/domain';
import { RunKeys } from '@weft/contracts';
import type { RoleStateView, RoleStore } from '@weft/kafka';
import { ORDER_STATES, watchShops, type OrderState } from './shops.metrics';

/** One shop's running costs as stored. */
export interface StoredCosts {
  costs: number[];
  updates: number;
  revisions: Revision[];
}

type OpenOrder = ShopsRole['open'] extends OrderMap<infer O> ? O : never;

const stateOf = (order: OpenOrder): OrderState =>
  order.workshopId >= 0 ? 'producing' : 'tendering';

const shopIds = (events: readonly AnyEvent[]) =>
  [...new Set(events.map((e) => (e.data as { shopId?: number }).shopId ?? -1))].filter(
    (s) => s >= 0,
  );
const orderIds = (events: readonly AnyEvent[]) => [...new Set(events.map((e) => e.orderId))];

export class ShopsStore implements RoleStore {
  readonly role: ShopsRole;
  private readonly initialCosts: StoredCosts[];
  /** Each loaded order's state before the batch: the gauges move by the difference. */
  private readonly stateBefore = new Map<string, OrderState>();

  constructor(scenario: Scenario) {
    const shops = createShops(scenario);
    this.initialCosts = shops.map((s) => ({
      costs: Array.from(s.sourcingCostCents),
      updates: 0,
      revisions: [],
    }));
    this.role = new ShopsRole(
      scenario,
      shops,
      workshopsByCategory(scenario, createWorkshops(scenario)),
    );
  }

  async load(redis: Redis, events: readonly AnyEvent[]): Promise<void> {
    const orders = orderIds(events);
    const shops = shopIds(events);
    const p = redis.pipeline();
    p.mget(orders.length > 0 ? orders.map(RunKeys.shopOrder) : ['-']);
    p.hmget(RunKeys.shopCosts, ...(shops.length > 0 ? shops.map(String) : ['-']));
    const res = (await p.exec()) ?? [];
    const orderValues = (res[0]?.[1] ?? []) as (string | null)[];
    const costValues = (res[1]?.[1] ?? []) as (string | null)[];
    this.role.open.clear();
    this.stateBefore.clear();
    orders.forEach((id, i) => {
      const v = orderValues[i];
      if (!v) return;
      const order = JSON.parse(v) as OpenOrder;
      this.role.open.set(id, order);
      this.stateBefore.set(id, stateOf(order));
    });
    shops.forEach((id, i) => {
      const shop = this.role.shops[id];
      const raw = costValues[i];
      const stored = raw ? (JSON.parse(raw) as StoredCosts) : this.initialCosts[id];
      if (!shop || !stored) return;
      stored.costs.forEach((c, k) => (shop.sourcingCostCents[k] = c));
      shop.costUpdates = stored.updates;
      shop.revisions = stored.revisions.slice();
      shop.revisedToMs = revisedTo(shop.revisions);
    });
  }

  persist(multi: ChainableCommander, events: readonly AnyEvent[]): void {
    const moved: Record<OrderState, number> = { tendering: 0, producing: 0 };
    for (const id of orderIds(events)) {
      const order = this.role.open.get(id);
      if (order) multi.set(RunKeys.shopOrder(id), JSON.stringify(order));
      else multi.del(RunKeys.shopOrder(id));
      const before = this.stateBefore.get(id);
      const after = order && stateOf(order);
      if (before === after) continue;
      if (before) moved[before]--;
      if (after) moved[after]++;
    }
    for (const state of ORDER_STATES)
      if (moved[state] !== 0) multi.hincrby(RunKeys.shopStats, state, moved[state]);
    const fields: string[] = [];
    for (const id of shopIds(events)) {
      const shop = this.role.shops[id];
      if (!shop) continue;
      const stored: StoredCosts = {
        costs: Array.from(shop.sourcingCostCents),
        updates: shop.costUpdates,
        revisions: shop.revisions,
      };
      fields.push(String(id), JSON.stringify(stored));
    }
    if (fields.length > 0) multi.hset(RunKeys.shopCosts, ...fields);
  }

  watch(view: RoleStateView): void {
    watchShops(view);
  }
}
