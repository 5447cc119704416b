/**
 * Bidding's gauges: the workshops' queues as they stand in simulated time, read from the
 * workshops' hash when scraped (a few hundred small values; never per event).
 */
import { Gauge } from 'prom-client';
import { RunKeys } from '@weft/contracts';
import type { RoleStateView } from '@weft/kafka';
import { scrapeRead } from '@weft/telemetry';
import type { StoredWorkshop } from './bidding.state';

export function watchBidding({ registry, redis, simNowMs }: RoleStateView): void {
  const read = scrapeRead(async () => {
    const now = simNowMs();
    let busy = 0;
    let backlogMs = 0;
    for (const raw of Object.values(await redis.hgetall(RunKeys.workshops))) {
      const { busyUntilMs } = JSON.parse(raw) as Pick<StoredWorkshop, 'busyUntilMs'>;
      if (busyUntilMs <= now) continue;
      busy++;
      backlogMs += busyUntilMs - now;
    }
    return { busy, backlogSeconds: backlogMs / 1000 };
  });
  const registers = [registry];
  new Gauge({
    name: 'weft_workshops_busy',
    help: 'Workshops with work queued past the simulated now (the whole service)',
    registers,
    async collect() {
      const r = await read();
      if (r) this.set(r.busy);
    },
  });
  new Gauge({
    name: 'weft_workshop_backlog_seconds',
    help: "Simulated seconds of work queued in all workshops' calendars past the simulated now",
    registers,
    async collect() {
      const r = await read();
      if (r) this.set(r.backlogSeconds);
    },
  });
}
