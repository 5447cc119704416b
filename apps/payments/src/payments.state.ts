/**
 * Payments' state in Redis: escrow per open order (a key each, deleted when paid out or
 * refunded) and the ledger's balances (a hash, moved by deltas so instances never
 * overwrite each other).
 */
import type Redis from 'ioredis';
import type { ChainableCommander } from 'ioredis';
import { ACCOUNTS, PaymentsRole, type AnyEvent, type Scenario } from '@weft/domain';
import { RunKeys } from '@weft/contracts';
import type { RoleStateView, RoleStore } from '@weft/kafka';
import { ESCROW_ORDERS, watchPayments } from './payments.metrics';

const escrowKey = RunKeys.escrow;
const LEDGER_KEY = RunKeys.ledger;
const STATS_KEY = RunKeys.paymentStats;

export class PaymentsStore implements RoleStore {
  readonly role: PaymentsRole;
  private before: Record<string, number> = {};
  private rejectedBefore = 0;
  /** Orders of the batch that held escrow before it: the gauge moves by the difference. */
  private heldBefore = 0;

  constructor(scenario: Scenario) {
    this.role = new PaymentsRole(scenario);
  }

  async load(redis: Redis, events: readonly AnyEvent[]): Promise<void> {
    const ids = [...new Set(events.map((e) => e.orderId))];
    const values = await redis.mget(ids.map(escrowKey));
    this.role.escrow.clear();
    ids.forEach((id, i) => {
      const v = values[i];
      if (v) this.role.escrow.set(id, JSON.parse(v) as { cents: number; consumerId: number });
    });
    this.heldBefore = this.role.escrow.size;
    this.before = this.role.ledger.snapshot();
    this.rejectedBefore = this.role.rejectedPayouts;
  }

  persist(multi: ChainableCommander, events: readonly AnyEvent[]): void {
    for (const id of new Set(events.map((e) => e.orderId))) {
      const held = this.role.escrow.get(id);
      if (held) multi.set(escrowKey(id), JSON.stringify(held));
      else multi.del(escrowKey(id));
    }
    const after = this.role.ledger.snapshot();
    for (const account of ACCOUNTS) {
      const delta = after[account] - (this.before[account] ?? 0);
      if (delta !== 0) multi.hincrby(LEDGER_KEY, account, delta);
    }
    const rejected = this.role.rejectedPayouts - this.rejectedBefore;
    if (rejected !== 0) multi.hincrby(STATS_KEY, 'rejectedPayouts', rejected);
    const held = this.role.escrow.size - this.heldBefore;
    if (held !== 0) multi.hincrby(STATS_KEY, ESCROW_ORDERS, held);
  }

  watch(view: RoleStateView): void {
    watchPayments(view);
  }
}
