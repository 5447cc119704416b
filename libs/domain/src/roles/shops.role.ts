/**
 * Shops: take escrowed orders, put them out to tender, award by score, re-tender once
 * with a higher ceiling, cancel when nobody bids; ship what is made; learn ratings.
 */
import { awardRfq, type Bid } from '../award';
import { deliveryMs, updateRating } from '../delivery';
import type { AnyEvent, EventPayloads } from '../events';
import { listingUnitCents, rfqCeilingUnitCents, updateSourcingCost } from '../pricing';
import type { Scenario } from '../scenario';
import { HOUR_MS } from '../time';
import { INITIAL_RATING, type Shop } from '../world';
import type { ReactContext, Reactor } from './reactor';

interface OpenOrder {
  shopId: number;
  consumerId: number;
  category: number;
  quantity: number;
  totalCents: number;
  unitPriceCents: number;
  placedAtMs: number;
  wantedByMs: number;
  round: number;
  maxUnitCents: number;
  readyByMs: number;
  roundOpenedMs: number;
  bids: Bid[];
  workshopId: number;
  costCents: number;
}

export class ShopsRole implements Reactor {
  readonly name = 'shops';
  readonly handles = [
    'EscrowHeld',
    'BidPlaced',
    'RfqClosed',
    'ProductionFinished',
    'RatingGiven',
  ] as const;
  readonly open = new Map<string, OpenOrder>();
  readonly shopRating: Float64Array;
  readonly workshopRating: Float64Array;
  private readonly ratingOf = (id: number) => this.workshopRating[id] ?? INITIAL_RATING;

  constructor(
    private readonly scenario: Scenario,
    readonly shops: readonly Shop[],
    private readonly workshopsByCategory: readonly number[][],
  ) {
    this.shopRating = new Float64Array(shops.length).fill(INITIAL_RATING);
    this.workshopRating = new Float64Array(scenario.workshops.count).fill(INITIAL_RATING);
  }

  react(event: AnyEvent, ctx: ReactContext): void {
    switch (event.type) {
      case 'EscrowHeld':
        return this.accept(event.orderId, event.atMs, event.data, ctx);
      case 'BidPlaced': {
        const order = this.open.get(event.orderId);
        // A bid for a closed round, or an order already awarded, comes too late.
        if (!order || order.round !== event.data.round || order.workshopId >= 0) return;
        const { workshopId, unitPriceCents, unitCostCents, markup, readyAtMs } = event.data;
        order.bids.push({ workshopId, unitPriceCents, unitCostCents, markup, readyAtMs });
        return;
      }
      case 'RfqClosed':
        return this.closeRound(event.orderId, event.data.round, ctx);
      case 'ProductionFinished':
        return this.ship(event.orderId, ctx);
      case 'RatingGiven': {
        const d = event.data;
        this.shopRating[d.shopId] = updateRating(
          this.shopRating[d.shopId] ?? INITIAL_RATING,
          d.stars,
        );
        this.workshopRating[d.workshopId] = updateRating(this.ratingOf(d.workshopId), d.stars);
        return;
      }
    }
  }

  private accept(
    orderId: string,
    nowMs: number,
    d: EventPayloads['EscrowHeld'],
    ctx: ReactContext,
  ): void {
    if (this.open.has(orderId)) return;
    const shop = this.shops[d.shopId];
    if (!shop) return;
    const listing = listingUnitCents(shop.sourcingCostCents[d.category] ?? 0, shop.margin);
    ctx.emit('OrderAccepted', orderId, 'accepted', nowMs, {
      shopId: d.shopId,
      category: d.category,
      listingUnitCents: listing,
    });
    const order: OpenOrder = {
      shopId: d.shopId,
      consumerId: d.consumerId,
      category: d.category,
      quantity: d.quantity,
      totalCents: d.amountCents,
      unitPriceCents: d.unitPriceCents,
      placedAtMs: d.placedAtMs,
      wantedByMs: d.wantedByMs,
      round: 0,
      maxUnitCents: 0,
      readyByMs: 0,
      roundOpenedMs: nowMs,
      bids: [],
      workshopId: -1,
      costCents: 0,
    };
    this.open.set(orderId, order);
    this.openRound(orderId, order, ctx);
  }

  private openRound(orderId: string, order: OpenOrder, ctx: ReactContext): void {
    const p = this.scenario.shops;
    order.round += 1;
    order.bids = [];
    order.roundOpenedMs = ctx.nowMs;
    order.maxUnitCents = rfqCeilingUnitCents(
      order.unitPriceCents,
      p.minMargin,
      order.round,
      p.secondRoundRaise,
    );
    // The parcel must leave the workshop early enough for the slowest transit.
    order.readyByMs =
      order.wantedByMs - Math.round(this.scenario.shipping.transitHours.max * HOUR_MS);
    const pool = this.workshopsByCategory[order.category] ?? [];
    const invited = ctx
      .rng()
      .sampleIndices(pool.length, p.workshopsInvited)
      .map((i) => pool[i] ?? 0)
      .sort((a, b) => a - b);
    ctx.emit('RfqOpened', orderId, `rfq${order.round}`, ctx.nowMs, {
      shopId: order.shopId,
      category: order.category,
      quantity: order.quantity,
      round: order.round,
      maxUnitCents: order.maxUnitCents,
      readyByMs: order.readyByMs,
      invited,
    });
    ctx.emit(
      'RfqClosed',
      orderId,
      `close${order.round}`,
      ctx.nowMs + Math.round(p.bidWindowHours * HOUR_MS),
      {
        shopId: order.shopId,
        round: order.round,
      },
    );
  }

  private closeRound(orderId: string, round: number, ctx: ReactContext): void {
    const order = this.open.get(orderId);
    if (!order || order.round !== round || order.workshopId >= 0) return;
    const p = this.scenario.shops;
    const winner = awardRfq(
      order.bids,
      this.ratingOf,
      order.maxUnitCents,
      order.roundOpenedMs,
      order.readyByMs,
      p.award,
    );
    if (winner) {
      const shop = this.shops[order.shopId];
      if (shop) {
        const prev = shop.sourcingCostCents[order.category] ?? winner.unitPriceCents;
        shop.sourcingCostCents[order.category] = updateSourcingCost(
          prev,
          winner.unitPriceCents,
          p.costMemory,
        );
      }
      order.workshopId = winner.workshopId;
      order.costCents = winner.unitPriceCents * order.quantity;
      ctx.emit('BidAwarded', orderId, 'award', ctx.nowMs, {
        shopId: order.shopId,
        workshopId: winner.workshopId,
        category: order.category,
        quantity: order.quantity,
        unitPriceCents: winner.unitPriceCents,
        unitCostCents: winner.unitCostCents,
        listingUnitCents: order.unitPriceCents,
        readyAtMs: winner.readyAtMs,
        bids: order.bids.length,
      });
    } else if (order.round < 2) {
      this.openRound(orderId, order, ctx);
    } else {
      this.open.delete(orderId);
      ctx.emit('OrderCancelled', orderId, 'cancelled', ctx.nowMs, {
        shopId: order.shopId,
        consumerId: order.consumerId,
        reason: 'no-bids',
      });
    }
  }

  private ship(orderId: string, ctx: ReactContext): void {
    const order = this.open.get(orderId);
    if (!order || order.workshopId < 0) return;
    this.open.delete(orderId);
    const at = deliveryMs(ctx.rng(), ctx.nowMs, this.scenario.shipping);
    ctx.emit('OrderShipped', orderId, 'shipped', ctx.nowMs, {
      shopId: order.shopId,
      workshopId: order.workshopId,
      deliverAtMs: at,
    });
    ctx.emit('OrderDelivered', orderId, 'delivered', at, {
      shopId: order.shopId,
      workshopId: order.workshopId,
      consumerId: order.consumerId,
      placedAtMs: order.placedAtMs,
      wantedByMs: order.wantedByMs,
      totalCents: order.totalCents,
      costCents: order.costCents,
    });
  }
}
