/** The consumers' gauges: news the catalogue has yet to show (memory), and who walked away (Redis). */
import { Counter, Gauge } from 'prom-client';
import { RunKeys } from '@weft/contracts';
import type { ConsumersRole } from '@weft/domain';
import type { RoleStateView } from '@weft/kafka';
import { scrapeRead } from '@weft/telemetry';

export function watchConsumers(role: ConsumersRole, { registry, redis }: RoleStateView): void {
  const walked = scrapeRead(() => redis.hget(RunKeys.consumerStats, 'walkedAway'));
  const registers = [registry];
  new Gauge({
    name: 'weft_catalogue_news_pending',
    help: 'Listings and ratings heard but not yet shown to consumers (they show a simulated minute late)',
    registers,
    collect() {
      this.set(role.catalogue.pending.length);
    },
  });
  new Counter({
    name: 'weft_consumers_walked_away_total',
    help: 'Arrivals that found no affordable shop and ordered nothing, in the run',
    registers,
    async collect() {
      const n = await walked();
      if (n === undefined) return;
      this.reset();
      this.inc(Number(n ?? 0));
    },
  });
}
