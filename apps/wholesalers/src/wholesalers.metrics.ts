/** The wholesalers' gauge: units in their warehouses, counted in Redis by every batch that moves them. */
import { Gauge } from 'prom-client';
import { RunKeys } from '@weft/contracts';
import type { RoleStateView } from '@weft/kafka';
import { scrapeRead } from '@weft/telemetry';

/** The field of the wholesalers' stats hash that counts units in stock, less the opening stock. */
export const STOCK_UNITS = 'stockUnitsMoved';

export function watchWholesalers({ registry, redis }: RoleStateView): void {
  const read = scrapeRead(() => redis.hget(RunKeys.wholesaleStats, STOCK_UNITS));
  new Gauge({
    name: 'weft_wholesale_stock_moved_units',
    help: 'Units into the wholesalers’ warehouses less units out since the run began (the whole service: the same from every instance)',
    registers: [registry],
    async collect() {
      const value = await read();
      if (value !== undefined) this.set(Number(value ?? 0));
    },
  });
}
