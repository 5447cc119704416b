/**
 * Wholesalers' state in Redis: each warehouse (stock, batches on order, forecast and the
 * requests waiting for the next tick) as one hash field. Every event that changes a
 * warehouse travels keyed by its wholesaler, so one instance owns each. Loaded per batch,
 * written back in the batch's transaction.
 */
import type Redis from 'ioredis';
import type { ChainableCommander } from 'ioredis';
import {
  WholesalersRole,
  createWorkshops,
  workshopsByCategory,
  type AnyEvent,
  type Scenario,
  type Warehouse,
} from '@weft/domain';
import { RunKeys } from '@weft/contracts';
import type { RoleStateView, RoleStore } from '@weft/kafka';
import { STOCK_UNITS, watchWholesalers } from './wholesalers.metrics';

const wholesalerIds = (events: readonly AnyEvent[]) =>
  [...new Set(events.map((e) => (e.data as { wholesalerId?: number }).wholesalerId ?? -1))].filter(
    (id) => id >= 0,
  );

const unitsInStock = (houses: Iterable<Warehouse>) => {
  let units = 0;
  for (const h of houses) for (const u of h.stock) units += u;
  return units;
};

export class WholesalersStore implements RoleStore {
  readonly role: WholesalersRole;
  private readonly opening: Warehouse[];
  /** Units in the loaded warehouses before the batch: the gauge moves by the difference. */
  private stockBefore = 0;

  constructor(scenario: Scenario) {
    const workshops = createWorkshops(scenario);
    this.role = new WholesalersRole(scenario, workshops, workshopsByCategory(scenario, workshops));
    this.opening = WholesalersRole.openingWarehouses(scenario);
  }

  async load(redis: Redis, events: readonly AnyEvent[]): Promise<void> {
    const ids = wholesalerIds(events);
    this.role.warehouses.clear();
    this.stockBefore = 0;
    if (ids.length === 0) return;
    const values = await redis.hmget(RunKeys.warehouses, ...ids.map(String));
    ids.forEach((id, i) => {
      const raw = values[i];
      const opening = this.opening[id];
      let house: Warehouse | undefined;
      if (raw) house = JSON.parse(raw) as Warehouse;
      // A warehouse nobody has written yet opens with the scenario's stock (its gauge too).
      else if (opening) {
        house = structuredClone(opening);
        this.stockBefore -= unitsInStock([house]);
      }
      if (house) this.role.warehouses.set(id, house);
    });
    this.stockBefore += unitsInStock(this.role.warehouses.values());
  }

  persist(multi: ChainableCommander, events: readonly AnyEvent[]): void {
    const fields: string[] = [];
    for (const id of wholesalerIds(events)) {
      const house = this.role.warehouses.get(id);
      if (house) fields.push(String(id), JSON.stringify(house));
    }
    if (fields.length > 0) multi.hset(RunKeys.warehouses, ...fields);
    const moved = unitsInStock(this.role.warehouses.values()) - this.stockBefore;
    if (moved !== 0) multi.hincrby(RunKeys.wholesaleStats, STOCK_UNITS, moved);
  }

  watch(view: RoleStateView): void {
    watchWholesalers(view);
  }
}
