/** Payments' gauges: orders with money in escrow, and the ledger's balances, read when scraped. */
import { Gauge } from 'prom-client';
import { RunKeys } from '@weft/contracts';
import { ACCOUNTS } from '@weft/domain';
import type { RoleStateView } from '@weft/kafka';
import { scrapeRead } from '@weft/telemetry';

/** The field of the payments' stats hash that counts orders holding escrow. */
export const ESCROW_ORDERS = 'escrowOrders';

export function watchPayments({ registry, redis }: RoleStateView): void {
  const read = scrapeRead(async () => {
    const [held, ledger] = await Promise.all([
      redis.hget(RunKeys.paymentStats, ESCROW_ORDERS),
      redis.hgetall(RunKeys.ledger),
    ]);
    return { held: Number(held ?? 0), ledger };
  });
  const registers = [registry];
  new Gauge({
    name: 'weft_escrow_orders',
    help: 'Orders whose payment is held in escrow (the whole service: the same from every instance)',
    registers,
    async collect() {
      const r = await read();
      if (r) this.set(r.held);
    },
  });
  new Gauge({
    name: 'weft_ledger_balance_cents',
    help: 'Balance of each ledger account in cents (they sum to zero; the whole service)',
    labelNames: ['account'],
    registers,
    async collect() {
      const r = await read();
      if (!r) return;
      for (const account of ACCOUNTS) this.set({ account }, Number(r.ledger[account] ?? 0));
    },
  });
}
