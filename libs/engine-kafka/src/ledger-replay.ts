/**
 * The payments ledger replayed from the events on the broker: each distinct event applied
 * once, through the payments role itself, so the audit shares its arithmetic rather than
 * copying it. A fold: it keeps the orders in escrow and the ids seen, never the events.
 */
import {
  PaymentsRole,
  SeededContext,
  type Account,
  type AnyEvent,
  type EventType,
  type Scenario,
} from '@weft/domain';
import { DistinctIds } from './distinct-ids';

/** What the distinct events on the broker make of the ledger and the orders. */
export interface ReplayedLedger {
  balances: Record<Account, number>;
  /** Distinct events of each type the ledger moves on. */
  placed: number;
  delivered: number;
  cancelled: number;
  /** Orders still in escrow after every event, and the cents they hold. */
  openOrders: number;
  escrowHeldCents: number;
  /** Releases and refunds for an order with nothing in escrow (none placed, or paid already). */
  rejectedPayouts: number;
  /** Copies of events already applied (the transport delivers at least once). */
  duplicates: number;
}

/** The replay needs what the role decides, not what it emits. */
class SilentContext extends SeededContext {
  protected deliver(): void {}
}

export class LedgerReplay {
  private readonly role: PaymentsRole;
  private readonly ctx: SilentContext;
  private readonly seen = new DistinctIds();
  /**
   * Payouts read before their order's placement (topics are read side by side, one may run
   * ahead of another): applied once the placement comes, or at the end, when there is none.
   */
  private readonly waiting = new Map<string, AnyEvent[]>();
  private readonly counts: Partial<Record<EventType, number>> = {};
  private duplicates = 0;

  constructor(scenario: Scenario) {
    this.role = new PaymentsRole(scenario);
    this.ctx = new SilentContext(scenario.seed);
  }

  /** Takes one event as read from the broker; events the ledger does not move on are ignored. */
  take(e: AnyEvent): void {
    if (!(this.role.handles as readonly EventType[]).includes(e.type)) return;
    if (!this.seen.add(e.id)) {
      this.duplicates++;
      return;
    }
    this.counts[e.type] = (this.counts[e.type] ?? 0) + 1;
    if (e.type === 'OrderPlaced') {
      this.apply(e);
      const payouts = this.waiting.get(e.orderId);
      this.waiting.delete(e.orderId);
      for (const p of payouts ?? []) this.apply(p);
    } else if (this.role.escrow.has(e.orderId) || e.orderId === '') {
      // A wholesaler's payment for a batch concerns no order's escrow: applied at once.
      this.apply(e);
    } else {
      this.waiting.set(e.orderId, [...(this.waiting.get(e.orderId) ?? []), e]);
    }
  }

  /** The ledger once every event is taken: payouts still waiting find no escrow. */
  finish(): ReplayedLedger {
    for (const payouts of this.waiting.values()) for (const p of payouts) this.apply(p);
    this.waiting.clear();
    let escrowHeldCents = 0;
    for (const held of this.role.escrow.values()) escrowHeldCents += held.cents;
    return {
      balances: this.role.ledger.snapshot(),
      placed: this.counts.OrderPlaced ?? 0,
      delivered: this.counts.OrderDelivered ?? 0,
      cancelled: this.counts.OrderCancelled ?? 0,
      openOrders: this.role.escrow.size,
      escrowHeldCents,
      rejectedPayouts: this.role.rejectedPayouts,
      duplicates: this.duplicates,
    };
  }

  private apply(e: AnyEvent): void {
    this.ctx.enter(e);
    this.role.react(e, this.ctx);
  }
}
