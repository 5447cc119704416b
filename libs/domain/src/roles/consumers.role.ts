/** Consumers: arrive, choose a shop and order; learn prices; rate what they receive. */
import { drawOrderWish, nextArrivalMs } from '../demand';
import { rateDelivery, updateRating } from '../delivery';
import type { AnyEvent } from '../events';
import type { Scenario } from '../scenario';
import { chooseShop, type ShopView } from '../shop-choice';
import { HOUR_MS } from '../time';
import type { ReactContext, Reactor } from './reactor';

export class ConsumersRole implements Reactor {
  readonly name = 'consumers';
  readonly handles = ['ArrivalDue', 'OrderAccepted', 'OrderDelivered'] as const;
  /** Arrivals that found no affordable shop among those compared. */
  walkedAway = 0;

  constructor(
    private readonly scenario: Scenario,
    readonly view: ShopView,
  ) {}

  /** Schedules the first arrival. */
  start(ctx: ReactContext): void {
    this.scheduleArrival(ctx, 0);
  }

  react(event: AnyEvent, ctx: ReactContext): void {
    switch (event.type) {
      case 'ArrivalDue':
        return this.arrive(event.data.n, ctx);
      case 'OrderAccepted': {
        const d = event.data;
        this.view.listingUnitCents[d.shopId * this.view.categories + d.category] =
          d.listingUnitCents;
        return;
      }
      case 'OrderDelivered': {
        const d = event.data;
        const stars = rateDelivery(ctx.rng(), ctx.nowMs, d.wantedByMs);
        this.view.rating[d.shopId] = updateRating(this.view.rating[d.shopId] ?? stars, stars);
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
    const rng = ctx.rng();
    const s = this.scenario;
    const wish = drawOrderWish(rng, s, ctx.nowMs);
    const choice = chooseShop(
      rng,
      this.view,
      s.shops.count,
      wish.category,
      wish.ceilingUnitCents,
      s.demand.shopsCompared,
      s.demand.ratingWeight,
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
    this.scheduleArrival(ctx, n + 1);
  }

  private scheduleArrival(ctx: ReactContext, n: number): void {
    // The gap to arrival n is drawn from a generator of its own, keyed by n, so the
    // demand stream is the same whatever else happens in between.
    const at = nextArrivalMs(
      ctx.rngFor(`gap:${n}`),
      this.scenario.demand,
      ctx.nowMs,
      this.scenario.durationHours * HOUR_MS,
    );
    if (at !== null) ctx.emit('ArrivalDue', '', `arrival:${n}`, at, { n });
  }
}
