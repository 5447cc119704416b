/**
 * The end-of-run audit of a distributed run: what the services folded into Redis, checked
 * against sources that do not depend on it — the distinct events on the broker, replayed
 * through the payments role, and the orders' own records. A run that did not drain fails too.
 */
import { ACCOUNTS, type Account } from '@weft/domain';
import type { AuditCheck, RunAudit } from '@weft/telemetry';
import type { ReplayedLedger } from './ledger-replay';
import type { OrderStates } from './order-states';

export interface AuditInput {
  drained: boolean;
  /** Whether the run's config, published at its start, is still in Redis (a wipe takes it). */
  configKept: boolean;
  /** The run's KPI counters (what the report's orders are made of). */
  counters: { placed: number; delivered: number; cancelled: number };
  /** The payments service's balances in Redis. */
  balances: Record<Account, number>;
  /** The orders' records in Redis. */
  states: OrderStates;
  /** The distinct events on the broker, replayed; or why they could not be. */
  replayed: ReplayedLedger | { error: string };
}

const check = (
  name: string,
  about: string,
  expected: number | boolean,
  found: number | boolean,
): AuditCheck => ({ name, about, expected, found, ok: expected === found });

export function auditRun(i: AuditInput): RunAudit {
  const { counters: c, states: s } = i;
  const checks = [
    check('drained', 'the pipeline emptied after the clock passed the horizon', true, i.drained),
    check(
      'run.config',
      "the run's config and epoch, published at its start, are still in Redis",
      true,
      i.configKept,
    ),
    ...('error' in i.replayed ? [unreplayed(i.replayed.error)] : brokerChecks(i, i.replayed)),
    check(
      'orders.open',
      'placed − delivered − cancelled (KPI counters) vs. escrow records in Redis',
      c.placed - c.delivered - c.cancelled,
      s.escrowOrders,
    ),
    check(
      'orders.shopsWithoutEscrow',
      "shops' open orders with no escrow record in Redis",
      0,
      s.shopOrdersWithoutEscrow,
    ),
    check(
      'ledger.escrowHeld',
      "the escrow account in Redis vs. the sum of the open orders' escrow records",
      i.balances.escrow,
      s.escrowCents,
    ),
  ];
  return { ok: checks.every((k) => k.ok), checks };
}

/** A replay that failed is a failed check, with its reason: nothing else stands in for it. */
const unreplayed = (error: string): AuditCheck => ({
  name: 'ledger.replay',
  about: `the ledger could not be replayed from the broker: ${error}`,
  expected: true,
  found: false,
  ok: false,
});

/** The counters and the ledger against the distinct events on the broker. */
function brokerChecks(i: AuditInput, r: ReplayedLedger): AuditCheck[] {
  const c = i.counters;
  return [
    check(
      'orders.placed',
      'distinct OrderPlaced on the broker vs. the KPI counter',
      r.placed,
      c.placed,
    ),
    check(
      'orders.delivered',
      'distinct OrderDelivered on the broker vs. the KPI counter',
      r.delivered,
      c.delivered,
    ),
    check(
      'orders.cancelled',
      'distinct OrderCancelled on the broker vs. the KPI counter',
      r.cancelled,
      c.cancelled,
    ),
    ...ACCOUNTS.map((a) =>
      check(
        `ledger.${a}`,
        `the ${a} account replayed from the broker vs. the payments ledger in Redis`,
        r.balances[a],
        i.balances[a],
      ),
    ),
    check(
      'ledger.payoutsWithoutEscrow',
      'releases and refunds on the broker for an order with nothing in escrow',
      0,
      r.rejectedPayouts,
    ),
  ];
}
