/**
 * Wholesalers (the traditional chain): keep stock of standard goods, ship shops' requests
 * from it on the warehouse's hourly tick, and at each review order batches for a forecast
 * from their contract workshops, which deliver weeks later.
 */
import type { Workshop } from '../bidding';
import type { AnyEvent, EventPayloads } from '../events';
import type { Scenario, Wholesale } from '../scenario';
import { HOUR_MS } from '../time';
import {
  chainPrices,
  contractWorkshops,
  isReviewTick,
  nextForecast,
  orderUpTo,
  plannedUnitsPerDay,
  splitBatch,
  tickMs,
  WAREHOUSE_DELAY_MS,
  type ChainPrices,
} from '../wholesale';
import { RoleHandles } from './handles';
import type { ReactContext, Reactor } from './reactor';

/** A shop's request waiting for the next tick. */
export interface StockRequest extends Omit<EventPayloads['StockRequested'], 'wholesalerId'> {
  orderId: string;
  atMs: number;
}

/** One wholesaler's state: per category, then the requests not yet dispatched. */
export interface Warehouse {
  id: number;
  /** Units in hand, on order from workshops, and asked for by shops since the last review. */
  stock: number[];
  onOrder: number[];
  requested: number[];
  /** Forecast of requests, units a day. */
  forecast: number[];
  /** Batches ordered so far (the next batch's number). */
  batches: number;
  pending: StockRequest[];
}

export class WholesalersRole implements Reactor {
  readonly name = 'wholesalers';
  readonly handles = RoleHandles.wholesalers;
  /** The warehouses by wholesaler id (all of them in one process; those loaded over Kafka). */
  readonly warehouses = new Map<number, Warehouse>();
  private readonly contracts: number[][][] = [];
  private readonly prices: ChainPrices[] = [];

  constructor(
    private readonly scenario: Scenario,
    private readonly workshops: readonly Pick<Workshop, 'id' | 'lines'>[],
    byCategory: readonly (readonly number[])[],
  ) {
    const w = scenario.wholesale;
    if (!w) return;
    for (let id = 0; id < w.count; id++) this.contracts.push(contractWorkshops(id, byCategory, w));
    this.prices = chainPrices(scenario, w);
  }

  /** Each warehouse as the run finds it: the opening stock, the planner's forecast. */
  static openingWarehouses(scenario: Scenario): Warehouse[] {
    const w = scenario.wholesale;
    if (!w) return [];
    return Array.from({ length: w.count }, (_, id) => {
      const forecast = scenario.categories.map((_, c) => plannedUnitsPerDay(scenario, c, w));
      return {
        id,
        stock: forecast.map((f) => Math.round(f * w.openingStockDays)),
        onOrder: forecast.map(() => 0),
        requested: forecast.map(() => 0),
        forecast,
        batches: 0,
        pending: [],
      };
    });
  }

  /** The first tick of every warehouse (a run's opening events). */
  start(ctx: ReactContext): void {
    const w = this.scenario.wholesale;
    if (!w) return;
    for (let id = 0; id < w.count; id++) this.tick(id, 0, ctx);
  }

  react(event: AnyEvent, ctx: ReactContext): void {
    const w = this.scenario.wholesale;
    if (!w) return;
    switch (event.type) {
      case 'StockRequested': {
        const { wholesalerId, ...request } = event.data;
        const house = this.warehouses.get(wholesalerId);
        if (!house) return;
        house.pending.push({ ...request, orderId: event.orderId, atMs: event.atMs });
        return;
      }
      case 'WarehouseTick': {
        const house = this.warehouses.get(event.data.wholesalerId);
        if (!house) return;
        this.dispatch(house, ctx);
        if (isReviewTick(event.data.n, house.id, w)) this.review(house, event.data.n, w, ctx);
        const next = event.data.n + 1;
        if (tickMs(next) <= this.scenario.horizonHours * HOUR_MS) this.tick(house.id, next, ctx);
        return;
      }
      case 'BatchDelivered': {
        const d = event.data;
        const house = this.warehouses.get(d.wholesalerId);
        if (!house) return;
        house.stock[d.category] = (house.stock[d.category] ?? 0) + d.quantity;
        house.onOrder[d.category] = (house.onOrder[d.category] ?? 0) - d.quantity;
        return;
      }
    }
  }

  private tick(wholesalerId: number, n: number, ctx: ReactContext): void {
    ctx.emit('WarehouseTick', '', `wh${wholesalerId}:tick${n}`, tickMs(n), { wholesalerId, n });
  }

  /**
   * Ships every request made at least the warehouse's delay before now, oldest first
   * (ties by order id), while stock lasts; a request it cannot fill whole is refused.
   */
  private dispatch(house: Warehouse, ctx: ReactContext): void {
    const until = ctx.nowMs - WAREHOUSE_DELAY_MS;
    const due = house.pending.filter((r) => r.atMs <= until);
    if (due.length === 0) return;
    house.pending = house.pending.filter((r) => r.atMs > until);
    due.sort((a, b) => a.atMs - b.atMs || (a.orderId < b.orderId ? -1 : 1));
    for (const r of due) {
      const prices = this.prices[r.category];
      if (!prices) continue;
      const inHand = house.stock[r.category] ?? 0;
      const filled = inHand >= r.quantity;
      if (filled) house.stock[r.category] = inHand - r.quantity;
      house.requested[r.category] = (house.requested[r.category] ?? 0) + r.quantity;
      ctx.emit('StockDispatched', r.orderId, 'dispatched', ctx.nowMs, {
        shopId: r.shopId,
        wholesalerId: house.id,
        category: r.category,
        quantity: r.quantity,
        filled,
        unitPriceCents: prices.wholesaleCents,
        consumerUnitCents: r.consumerUnitCents,
      });
    }
  }

  /**
   * Updates the forecast from the period's requests (not from the first review, which has
   * seen none) and orders each category up to its cover, split over the contract workshops.
   */
  private review(house: Warehouse, n: number, w: Wholesale, ctx: ReactContext): void {
    const contracts = this.contracts[house.id] ?? [];
    const first = n < Math.max(1, Math.round(w.reviewDays * 24));
    this.prices.forEach((prices, c) => {
      if (!first)
        house.forecast[c] = nextForecast(
          house.forecast[c] ?? 0,
          (house.requested[c] ?? 0) / w.reviewDays,
          w,
        );
      house.requested[c] = 0;
      const quantity = orderUpTo(
        house.forecast[c] ?? 0,
        house.stock[c] ?? 0,
        house.onOrder[c] ?? 0,
        w,
      );
      const suppliers = (contracts[c] ?? []).flatMap((id) => this.workshops[id] ?? []);
      const parts = splitBatch(quantity, suppliers);
      if (parts.length === 0) return;
      const batch = house.batches++;
      house.onOrder[c] = (house.onOrder[c] ?? 0) + quantity;
      for (const part of parts) {
        ctx.emit('BatchOrdered', '', `batch:h${house.id}.${batch}:w${part.workshopId}`, ctx.nowMs, {
          wholesalerId: house.id,
          workshopId: part.workshopId,
          category: c,
          quantity: part.quantity,
          unitPriceCents: prices.contractCents,
          unitCostCents: prices.batchCostCents,
        });
      }
    });
  }
}
