/** Consumers: arrive, choose a shop and order; learn prices; rate what they receive. */
import { Catalogue } from '../catalogue';
import { drawOrderWish, nextArrivalMs } from '../demand';
import { rateDelivery } from '../delivery';
import type { AnyEvent } from '../events';
import type { Scenario } from '../scenario';
import { chooseShop, rankShops, type ShopView } from '../shop-choice';
import { HOUR_MS } from '../time';
import { RoleHandles } from './handles';
import type { ReactContext, Reactor } from './reactor';

export class ConsumersRole implements Reactor {
  readonly name = 'consumers';
  readonly handles = RoleHandles.consumers;
  /** Arrivals that found no affordable shop among those compared. */
  walkedAway = 0;
  /** What consumers see of the shops: listings and ratings, a simulated minute late. */
  readonly catalogue: Catalogue;

  constructor(
    private readonly scenario: Scenario,
    readonly view: ShopView,
  ) {
    this.catalogue = new Catalogue(view);
  }

  /** Plans the arrivals of the first window and the tick that plans the next. */
  start(ctx: ReactContext): void {
    this.plan(ctx, 0, ctx.nowMs, 0);
  }

  react(event: AnyEvent, ctx: ReactContext): void {
    switch (event.type) {
      case 'ArrivalDue':
        return this.arrive(event.data.n, ctx);
      case 'DemandTick':
        return this.plan(ctx, event.data.n, event.data.fromMs, Math.round(ctx.nowMs / HOUR_MS));
      case 'OrderAccepted': {
        const d = event.data;
        const slot = d.shopId * this.view.categories + d.category;
        this.catalogue.hear('listing', slot, d.listingUnitCents, ctx.nowMs, event.id);
        return;
      }
      case 'OrderDelivered': {
        const d = event.data;
        const stars = rateDelivery(ctx.rng(), ctx.nowMs, d.wantedByMs);
        this.catalogue.hear('rating', d.shopId, stars, ctx.nowMs, event.id);
        ctx.emit('RatingGiven', event.orderId, 'rating', ctx.nowMs, {
          shopId: d.shopId,
          workshopId: d.workshopId,
          stars,
        });
        return;
      }
    }
  }

  private arrive(n: number, ctx: ReactContext): void {
    this.catalogue.showUntil(ctx.nowMs);
    const rng = ctx.rng();
    const s = this.scenario;
    const wish = drawOrderWish(rng, s, ctx.nowMs);
    const visible = s.platform?.visibleShops;
    const shown =
      visible === undefined
        ? undefined
        : rankShops(
            this.view,
            s.shops.count,
            wish.category,
            s.categories[wish.category]?.referencePriceCents ?? 1,
            s.demand.ratingWeight,
            visible,
          );
    const choice = chooseShop(
      rng,
      this.view,
      s.shops.count,
      wish.category,
      wish.ceilingUnitCents,
      s.demand.shopsCompared,
      s.demand.ratingWeight,
      shown,
    );
    if (choice) {
      const orderId = `o${n}`;
      ctx.emit('OrderPlaced', orderId, 'placed', ctx.nowMs, {
        consumerId: n,
        shopId: choice.shopId,
        category: wish.category,
        quantity: wish.quantity,
        unitPriceCents: choice.unitPriceCents,
        totalCents: choice.unitPriceCents * wish.quantity,
        wantedByMs: Math.round(wish.wantedByMs),
      });
    } else {
      this.walkedAway++;
    }
  }

  /**
   * At hour `hour`, plans every arrival before hour `hour + ARRIVAL_LOOKAHEAD_HOURS` as a
   * timer, then the tick of the next hour. Arrival n comes after arrival n − 1 by a gap
   * drawn from a generator of its own, keyed by n, so the demand stream is the same
   * whatever else happens, in either engine. Planning ahead in bulk, rather than each
   * arrival scheduling the next, lets a distributed engine fire arrivals from its timer
   * store in batches instead of one produce–consume round trip each.
   */
  private plan(ctx: ReactContext, n: number, fromMs: number, hour: number): void {
    const endMs = this.scenario.durationHours * HOUR_MS;
    const untilMs = (hour + ARRIVAL_LOOKAHEAD_HOURS) * HOUR_MS;
    let t = fromMs;
    for (;;) {
      const at = nextArrivalMs(ctx.rngFor(`gap:${n}`), this.scenario.demand, t, endMs);
      if (at === null) return; // demand is over: no more ticks
      if (at >= untilMs) break; // drawn again, identically, by the next tick
      ctx.emit('ArrivalDue', '', `arrival:${n}`, at, { n });
      n++;
      t = at;
    }
    ctx.emit('DemandTick', '', `demand:${hour + 1}`, (hour + 1) * HOUR_MS, { n, fromMs: t });
  }
}

/** How far ahead, in simulated hours, arrivals are planned. */
export const ARRIVAL_LOOKAHEAD_HOURS = 2;
