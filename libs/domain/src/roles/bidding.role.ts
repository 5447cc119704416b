/**
 * Workshop bidding: an RFQ fans out as one invitation per workshop; each workshop
 * decides alone whether and what to bid; the winner schedules the job on its calendar.
 */
import {
  adaptMarkup,
  backlogHours,
  decideBid,
  planJob,
  RATING,
  takeAward,
  workshopAsOf,
  workMs,
  type Workshop,
} from '../bidding';
import { revise } from '../as-of';
import { updateRating } from '../delivery';
import { scheduleProduction } from '../calendar';
import type { AnyEvent, EventPayloads } from '../events';
import { batchArrivalMs } from '../wholesale';
import type { Scenario } from '../scenario';
import { RoleHandles } from './handles';
import type { ReactContext, Reactor } from './reactor';

/** The shop of a batch's production: none (it is made for a wholesaler's stock). */
export const NO_SHOP = -1;

const INV = 0;
const BID = 1;
const DECL = 2;
const SUFFIX_KINDS = ['inv', 'bid', 'decl'];

export class BiddingRole implements Reactor {
  readonly name = 'bidding';
  readonly handles = RoleHandles.bidding;

  /** The id suffixes of invitations, bids and declines, by kind, round and workshop. */
  private readonly suffixes: string[][][] = [[], [], []];

  constructor(
    private readonly scenario: Scenario,
    readonly workshops: Workshop[],
  ) {}

  /** `${kind}${round}:w${workshopId}`, built once and kept: a round sends thousands a second. */
  private suffix(kind: number, round: number, workshopId: number): string {
    const byRound = this.suffixes[kind] as string[][];
    const byWorkshop = (byRound[round] ??= []);
    return (byWorkshop[workshopId] ??= `${SUFFIX_KINDS[kind]}${round}:w${workshopId}`);
  }

  react(event: AnyEvent, ctx: ReactContext): void {
    switch (event.type) {
      case 'RfqOpened': {
        const d = event.data;
        for (const workshopId of d.invited) {
          ctx.emit('BidInvited', event.orderId, this.suffix(INV, d.round, workshopId), ctx.nowMs, {
            shopId: d.shopId,
            workshopId,
            category: d.category,
            quantity: d.quantity,
            round: d.round,
            maxUnitCents: d.maxUnitCents,
            readyByMs: d.readyByMs,
          });
        }
        return;
      }
      case 'BidInvited': {
        const d = event.data;
        const w = this.workshops[d.workshopId];
        const category = this.scenario.categories[d.category];
        if (!w || !category) return;
        const p = this.scenario.workshops;
        // The workshop as it stood when the invitation came, whatever was applied since.
        const asOf = workshopAsOf(w, ctx.nowMs);
        w.markup = adaptMarkup(w.markup, backlogHours(asOf, ctx.nowMs, p), p);
        asOf.markup = w.markup;
        const bid = decideBid(
          asOf,
          category,
          d.quantity,
          d.maxUnitCents,
          d.readyByMs,
          ctx.nowMs,
          p,
        );
        if (!bid) {
          ctx.emit('BidDeclined', event.orderId, this.suffix(DECL, d.round, w.id), ctx.nowMs, {
            shopId: d.shopId,
            workshopId: w.id,
            round: d.round,
          });
          return;
        }
        ctx.emit('BidPlaced', event.orderId, this.suffix(BID, d.round, w.id), ctx.nowMs, {
          shopId: d.shopId,
          workshopId: w.id,
          round: d.round,
          unitPriceCents: bid.unitPriceCents,
          unitCostCents: bid.unitCostCents,
          markup: bid.markup,
          readyAtMs: bid.readyAtMs,
          rating: asOf.rating,
        });
        return;
      }
      case 'BidAwarded':
        return this.produce(event.orderId, event.data, ctx);
      case 'BatchOrdered':
        return this.produceBatch(event.id, event.data, ctx);
      case 'RatingGiven': {
        // The workshop's rating is its own state, kept where its queue is; its bids carry it.
        const w = this.workshops[event.data.workshopId];
        if (!w) return;
        revise(w, ctx.nowMs, RATING, w.rating);
        w.rating = updateRating(w.rating, event.data.stars);
        w.ratingsReceived += 1;
        return;
      }
    }
  }

  /**
   * A wholesaler's batch: queued behind the workshop's other work and made in its regular
   * shifts (standard goods for stock: no promise to keep, so no overtime), then sent to the
   * warehouse by freight.
   */
  private produceBatch(batchId: string, d: EventPayloads['BatchOrdered'], ctx: ReactContext) {
    const w: Workshop | undefined = this.workshops[d.workshopId];
    const category = this.scenario.categories[d.category];
    const wholesale = this.scenario.wholesale;
    if (!w || !category || !wholesale) return;
    const p = this.scenario.workshops;
    const plan = scheduleProduction(
      Math.max(ctx.nowMs, w.busyUntilMs),
      workMs(category, d.quantity, w.lines, p, w.minutesFactor),
      p.dayShift,
      w.nightShift,
      w.nightShift,
    );
    takeAward(w, ctx.nowMs, plan.finishMs);
    ctx.emit('ProductionScheduled', '', `${batchId}:scheduled`, ctx.nowMs, {
      workshopId: w.id,
      shopId: NO_SHOP,
      startMs: plan.startMs,
      finishMs: plan.finishMs,
      workers: w.crew,
      spans: plan.spans,
    });
    ctx.emit(
      'BatchDelivered',
      '',
      `${batchId}:delivered`,
      batchArrivalMs(plan.finishMs, wholesale),
      {
        wholesalerId: d.wholesalerId,
        workshopId: w.id,
        category: d.category,
        quantity: d.quantity,
        unitPriceCents: d.unitPriceCents,
        orderedAtMs: ctx.nowMs,
      },
    );
  }

  private produce(
    orderId: string,
    d: Extract<AnyEvent, { type: 'BidAwarded' }>['data'],
    ctx: ReactContext,
  ) {
    const w: Workshop | undefined = this.workshops[d.workshopId];
    const category = this.scenario.categories[d.category];
    if (!w || !category) return;
    // Since the bid the queue may have grown: the job is planned now, overtime allowed
    // where the promise needs it.
    const plan = planJob(
      w,
      ctx.nowMs,
      workMs(category, d.quantity, w.lines, this.scenario.workshops, w.minutesFactor),
      d.readyAtMs,
      this.scenario.workshops,
    );
    takeAward(w, ctx.nowMs, plan.finishMs);
    ctx.emit('ProductionScheduled', orderId, 'scheduled', ctx.nowMs, {
      workshopId: w.id,
      shopId: d.shopId,
      startMs: plan.startMs,
      finishMs: plan.finishMs,
      workers: w.crew,
      spans: plan.spans,
    });
    ctx.emit('ProductionStarted', orderId, 'started', plan.startMs, { workshopId: w.id });
    ctx.emit('ProductionFinished', orderId, 'finished', plan.finishMs, {
      workshopId: w.id,
      shopId: d.shopId,
    });
  }
}
