/**
 * Shops: take escrowed orders, put them out to tender, award by score, re-tender once
 * with a higher ceiling, cancel when nobody bids; ship what is made; learn ratings.
 */
import { revise, valueAsOf } from '../as-of';
import { betterBid, type Bid } from '../award';
import { deliveryMs } from '../delivery';
import type { AnyEvent, EventPayloads } from '../events';
import { platformFeeRate } from '../ledger';
import { listingUnitCents, rfqCeilingUnitCents, updateSourcingCost } from '../pricing';
import type { Scenario } from '../scenario';
import { HOUR_MS } from '../time';
import type { Shop } from '../world';
import { wholesalerOf } from '../wholesale';
import { RoleHandles } from './handles';
import { OrderMap } from './order-map';
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
  /** The best bid of this round so far (bids are folded in as they come) and how many came. */
  best: Bid | null;
  bidsReceived: number;
  /** Invitees of this round, how many have answered, and when the window closed (-1: open). */
  invited: number;
  answered: number;
  closedAtMs: number;
  workshopId: number;
  costCents: number;
}

/** `rfq${round}`: the suffix of a round's RFQ, and the key of its invitees' draw. */
const RFQ_SUFFIXES: string[] = [];
function rfqSuffix(round: number): string {
  return (RFQ_SUFFIXES[round] ??= `rfq${round}`);
}

/** The workshop of an order shipped from a wholesaler's stock: none in particular. */
export const FROM_STOCK = -1;

export class ShopsRole implements Reactor {
  readonly name = 'shops';
  readonly handles = RoleHandles.shops;
  readonly open = new OrderMap<OpenOrder>();

  constructor(
    private readonly scenario: Scenario,
    readonly shops: readonly Shop[],
    private readonly workshopsByCategory: readonly number[][],
  ) {}

  react(event: AnyEvent, ctx: ReactContext): void {
    switch (event.type) {
      case 'EscrowHeld':
        return this.accept(event.orderId, event.atMs, event.data, ctx);
      case 'BidPlaced': {
        const order = this.open.get(event.orderId);
        // A bid for another round, or an order already awarded, changes nothing.
        if (!order || order.round !== event.data.round || order.workshopId >= 0) return;
        this.takeBid(order, event.data);
        return this.answered(event.orderId, order, ctx);
      }
      case 'BidDeclined': {
        const order = this.open.get(event.orderId);
        if (!order || order.round !== event.data.round || order.workshopId >= 0) return;
        return this.answered(event.orderId, order, ctx);
      }
      case 'RfqClosed': {
        const order = this.open.get(event.orderId);
        if (!order || order.round !== event.data.round || order.workshopId >= 0) return;
        order.closedAtMs = ctx.nowMs;
        if (order.answered >= order.invited) this.closeRound(event.orderId, event.data.round, ctx);
        return;
      }
      case 'ProductionFinished':
        return this.ship(event.orderId, ctx);
      case 'StockDispatched':
        return this.fromStock(event.orderId, event.data, ctx);
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
    // The running cost as it stood at this order's time, whatever later award was applied.
    const cost = valueAsOf(shop, d.category, shop.sourcingCostCents[d.category] ?? 0, nowMs);
    const listing = listingUnitCents(cost, shop.margin, platformFeeRate(this.scenario.payments));
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
      best: null,
      bidsReceived: 0,
      invited: 0,
      answered: 0,
      closedAtMs: -1,
      workshopId: -1,
      costCents: 0,
    };
    this.open.set(orderId, order);
    const wholesale = this.scenario.wholesale;
    if (!wholesale) return this.openRound(orderId, order, nowMs, ctx);
    // The traditional chain: the shop sells standard goods from its wholesaler's stock.
    ctx.emit('StockRequested', orderId, 'requested', nowMs, {
      shopId: d.shopId,
      wholesalerId: wholesalerOf(d.shopId, wholesale),
      category: d.category,
      quantity: d.quantity,
      consumerUnitCents: d.unitPriceCents,
    });
  }

  /** The wholesaler's answer: the units to ship, or none in stock (the sale is lost). */
  private fromStock(orderId: string, d: EventPayloads['StockDispatched'], ctx: ReactContext): void {
    const order = this.open.get(orderId);
    if (!order || order.workshopId >= 0) return;
    if (!d.filled) {
      this.open.delete(orderId);
      ctx.emit('OrderCancelled', orderId, 'cancelled', ctx.nowMs, {
        shopId: order.shopId,
        consumerId: order.consumerId,
        category: order.category,
        placedAtMs: order.placedAtMs,
        reason: 'out-of-stock',
      });
      return;
    }
    order.costCents = d.unitPriceCents * order.quantity;
    this.send(orderId, order, FROM_STOCK, ctx);
  }

  /** Folds a bid into the round's award: only the best so far is kept. */
  private takeBid(order: OpenOrder, d: EventPayloads['BidPlaced']): void {
    order.bidsReceived += 1;
    const best = betterBid(
      order.best,
      d,
      order.maxUnitCents,
      order.roundOpenedMs,
      order.readyByMs,
      this.scenario.shops.award,
    );
    if (best === d) {
      const { workshopId, unitPriceCents, unitCostCents, markup, readyAtMs, rating } = d;
      order.best = { workshopId, unitPriceCents, unitCostCents, markup, readyAtMs, rating };
    }
  }

  /**
   * The round is decided when its window has closed and every invitee has answered. In
   * one process the answers always come first; over Kafka a late answer is waited for
   * rather than lost, so the award does not depend on transport delays.
   */
  private answered(orderId: string, order: OpenOrder, ctx: ReactContext): void {
    order.answered += 1;
    if (order.closedAtMs >= 0 && order.answered >= order.invited)
      this.closeRound(orderId, order.round, ctx);
  }

  private openRound(orderId: string, order: OpenOrder, atMs: number, ctx: ReactContext): void {
    const p = this.scenario.shops;
    order.round += 1;
    order.best = null;
    order.bidsReceived = 0;
    order.answered = 0;
    order.closedAtMs = -1;
    order.roundOpenedMs = atMs;
    order.maxUnitCents = rfqCeilingUnitCents(
      order.unitPriceCents,
      p.minMargin,
      order.round,
      p.secondRoundRaise,
      platformFeeRate(this.scenario.payments),
    );
    // The parcel must leave the workshop early enough for the slowest transit.
    order.readyByMs =
      order.wantedByMs - Math.round(this.scenario.shipping.transitHours.max * HOUR_MS);
    const pool = this.workshopsByCategory[order.category] ?? [];
    // Drawn from a generator of the order and round, not of whichever event opened it.
    const invited = ctx
      .rngFor(orderId, rfqSuffix(order.round))
      .sampleIndices(pool.length, p.workshopsInvited);
    for (let k = 0; k < invited.length; k++) invited[k] = pool[invited[k] as number] ?? 0;
    invited.sort((a, b) => a - b);
    order.invited = invited.length;
    ctx.emit('RfqOpened', orderId, rfqSuffix(order.round), atMs, {
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
      atMs + Math.round(p.bidWindowHours * HOUR_MS),
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
    // The round closes at its window's end, even when a late answer triggers it.
    const at = Math.max(ctx.nowMs, order.closedAtMs);
    const winner = order.best;
    if (winner) {
      const shop = this.shops[order.shopId];
      if (shop) {
        const prev = shop.sourcingCostCents[order.category] ?? winner.unitPriceCents;
        revise(shop, at, order.category, prev);
        shop.sourcingCostCents[order.category] = updateSourcingCost(
          prev,
          winner.unitPriceCents,
          p.costMemory,
        );
        shop.costUpdates += 1;
      }
      order.workshopId = winner.workshopId;
      order.costCents = winner.unitPriceCents * order.quantity;
      // Awarded: the bid is in the award now, and the order waits for days without it.
      order.best = null;
      ctx.emit('BidAwarded', orderId, 'award', at, {
        shopId: order.shopId,
        workshopId: winner.workshopId,
        category: order.category,
        quantity: order.quantity,
        unitPriceCents: winner.unitPriceCents,
        unitCostCents: winner.unitCostCents,
        listingUnitCents: order.unitPriceCents,
        readyAtMs: winner.readyAtMs,
        bids: order.bidsReceived,
      });
    } else if (order.round < 2) {
      this.openRound(orderId, order, at, ctx);
    } else {
      this.open.delete(orderId);
      ctx.emit('OrderCancelled', orderId, 'cancelled', at, {
        shopId: order.shopId,
        consumerId: order.consumerId,
        category: order.category,
        placedAtMs: order.placedAtMs,
        reason: 'no-bids',
      });
    }
  }

  private ship(orderId: string, ctx: ReactContext): void {
    const order = this.open.get(orderId);
    if (!order || order.workshopId < 0) return;
    this.send(orderId, order, order.workshopId, ctx);
  }

  /** Ships the order to its consumer; `workshopId` made it (FROM_STOCK: a wholesaler's stock). */
  private send(orderId: string, order: OpenOrder, workshopId: number, ctx: ReactContext): void {
    this.open.delete(orderId);
    const at = deliveryMs(ctx.rng(), ctx.nowMs, this.scenario.shipping);
    ctx.emit('OrderShipped', orderId, 'shipped', ctx.nowMs, {
      shopId: order.shopId,
      workshopId,
      deliverAtMs: at,
    });
    ctx.emit('OrderDelivered', orderId, 'delivered', at, {
      shopId: order.shopId,
      workshopId,
      consumerId: order.consumerId,
      category: order.category,
      placedAtMs: order.placedAtMs,
      wantedByMs: order.wantedByMs,
      totalCents: order.totalCents,
      costCents: order.costCents,
    });
  }
}
