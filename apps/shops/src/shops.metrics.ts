/** The shops' gauges: open orders by state, counted in Redis by every batch that moves one. */
import { Gauge } from 'prom-client';
import { RunKeys } from '@weft/contracts';
import type { RoleStateView } from '@weft/kafka';
import { scrapeRead } from '@weft/telemetry';

/** Where an open order stands: out to tender, or awarded and in a workshop. */
export const ORDER_STATES = ['tendering', 'producing'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export function watchShops({ registry, redis }: RoleStateView): void {
  const read = scrapeRead(() => redis.hmget(RunKeys.shopStats, ...ORDER_STATES));
  new Gauge({
    name: 'weft_shop_orders_open',
    help: 'Orders a shop holds open, by state (the whole service: the same from every instance)',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const values = await read();
      if (!values) return;
      ORDER_STATES.forEach((state, i) => this.set({ state }, Number(values[i] ?? 0)));
    },
  });
}
