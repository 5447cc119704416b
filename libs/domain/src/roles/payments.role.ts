/** Payments: escrow on placement, release on delivery, refund on cancellation — once each. */
import type { AnyEvent } from '../events';
import { Ledger, platformFeeRate, postSettlement, settle } from '../ledger';
import type { Scenario } from '../scenario';
import { EscrowBook, type Escrow } from './escrow-book';
import { RoleHandles } from './handles';
import type { ReactContext, Reactor } from './reactor';

export class PaymentsRole implements Reactor {
  readonly name = 'payments';
  readonly handles = RoleHandles.payments;
  readonly ledger = new Ledger();
  /** Money held per open order; an order leaves the map when it is paid out or refunded. */
  readonly escrow = new EscrowBook();
  /** A release or refund asked for an order with nothing in escrow (must stay 0). */
  rejectedPayouts = 0;

  constructor(private readonly scenario: Scenario) {}

  react(event: AnyEvent, ctx: ReactContext): void {
    switch (event.type) {
      case 'OrderPlaced': {
        const d = event.data;
        if (this.escrow.has(event.orderId)) return;
        this.ledger.transfer('consumers', 'escrow', d.totalCents);
        this.escrow.set(event.orderId, { cents: d.totalCents, consumerId: d.consumerId });
        ctx.emit('EscrowHeld', event.orderId, 'escrow', ctx.nowMs, {
          shopId: d.shopId,
          consumerId: d.consumerId,
          amountCents: d.totalCents,
          category: d.category,
          quantity: d.quantity,
          unitPriceCents: d.unitPriceCents,
          placedAtMs: event.atMs,
          wantedByMs: d.wantedByMs,
        });
        return;
      }
      case 'OrderDelivered': {
        const held = this.takeEscrow(event.orderId);
        if (!held) return;
        const d = event.data;
        const s = settle(held.cents, platformFeeRate(this.scenario.payments), d.costCents);
        postSettlement(
          this.ledger,
          held.cents,
          s,
          this.scenario.wholesale ? 'wholesalers' : 'workshops',
        );
        ctx.emit('EscrowReleased', event.orderId, 'released', ctx.nowMs, {
          shopId: d.shopId,
          workshopId: d.workshopId,
          totalCents: held.cents,
          commissionCents: s.commissionCents,
          workshopCents: s.workshopCents,
        });
        return;
      }
      case 'BatchDelivered': {
        // A wholesaler pays its workshop for a batch when it reaches the warehouse.
        const d = event.data;
        this.ledger.transfer('wholesalers', 'workshops', d.unitPriceCents * d.quantity);
        return;
      }
      case 'OrderCancelled': {
        const held = this.takeEscrow(event.orderId);
        if (!held) return;
        this.ledger.transfer('escrow', 'consumers', held.cents);
        ctx.emit('EscrowRefunded', event.orderId, 'refunded', ctx.nowMs, {
          consumerId: held.consumerId,
          amountCents: held.cents,
        });
        return;
      }
    }
  }

  private takeEscrow(orderId: string): Escrow | undefined {
    const held = this.escrow.get(orderId);
    if (!held) {
      this.rejectedPayouts++;
      return undefined;
    }
    this.escrow.delete(orderId);
    return held;
  }
}
