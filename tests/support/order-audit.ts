/** Follows every order through an event stream: which facts each order collected. */
import type { AnyEvent } from '@weft/domain';

export class OrderAudit {
  readonly placed = new Map<string, number>();
  readonly totals = new Map<string, number>();
  readonly delivered = new Map<string, number>();
  readonly cancelled = new Map<string, number>();
  readonly released = new Map<string, number>();
  readonly refunded = new Map<string, number>();
  commissionCents = 0;
  refundedCents = 0;
  /** Simulated lead times (placed → delivered) in hours, and winning unit bids in cents. */
  readonly leadHours: number[] = [];
  readonly winningBids: number[] = [];
  /** Every bid's mark-up, and every job's worker hours (all its spans × its crew). */
  readonly markups: number[] = [];
  readonly jobWorkerHours: number[] = [];
  private readonly placedAt = new Map<string, number>();

  observe = (e: AnyEvent): void => {
    const count = (m: Map<string, number>) => m.set(e.orderId, (m.get(e.orderId) ?? 0) + 1);
    switch (e.type) {
      case 'OrderPlaced':
        count(this.placed);
        this.totals.set(e.orderId, e.data.totalCents);
        this.placedAt.set(e.orderId, e.atMs);
        return;
      case 'OrderDelivered':
        this.leadHours.push((e.atMs - e.data.placedAtMs) / 3_600_000);
        return void count(this.delivered);
      case 'BidAwarded':
        this.winningBids.push(e.data.unitPriceCents);
        return;
      case 'BidPlaced':
        this.markups.push(e.data.markup);
        return;
      case 'ProductionScheduled': {
        let ms = 0;
        for (const s of e.data.spans) ms += s.toMs - s.fromMs;
        this.jobWorkerHours.push((ms * e.data.workers) / 3_600_000);
        return;
      }
      case 'OrderCancelled':
        return void count(this.cancelled);
      case 'EscrowReleased':
        this.commissionCents += e.data.commissionCents;
        return void count(this.released);
      case 'EscrowRefunded':
        this.refundedCents += e.data.amountCents;
        return void count(this.refunded);
      default:
        return;
    }
  };

  /** `settled`, `refunded` or `open` per order; throws on any other combination. */
  states(): Map<string, 'settled' | 'refunded' | 'open'> {
    const out = new Map<string, 'settled' | 'refunded' | 'open'>();
    for (const [id, n] of this.placed) {
      const key = [
        n,
        this.delivered.get(id) ?? 0,
        this.released.get(id) ?? 0,
        this.cancelled.get(id) ?? 0,
        this.refunded.get(id) ?? 0,
      ].join('');
      const state = ({ '11100': 'settled', '10011': 'refunded', '10000': 'open' } as const)[
        key as '11100'
      ];
      if (!state)
        throw new Error(
          `order ${id} ended in no single state: placed/delivered/released/cancelled/refunded = ${key}`,
        );
      out.set(id, state);
    }
    return out;
  }

  /** Cents still owed to consumers or shops: what escrow must hold. */
  openCents(): number {
    let sum = 0;
    for (const [id, state] of this.states()) if (state === 'open') sum += this.totals.get(id) ?? 0;
    return sum;
  }

  placedCents(): number {
    let sum = 0;
    for (const v of this.totals.values()) sum += v;
    return sum;
  }
}
