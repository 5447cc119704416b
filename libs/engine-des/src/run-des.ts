/** One DES run from scenario to report, with wall-clock figures kept under `run`. */
import type { Scenario } from '@weft/domain';
import { buildReport, type RunReport } from '@weft/telemetry';
import { DesEngine, type DesRunOptions } from './des-engine';

export function runDes(scenario: Scenario, options: DesRunOptions = {}): RunReport {
  const started = new Date();
  const t0 = process.hrtime.bigint();
  let peakRss = process.memoryUsage.rss();
  const engine = new DesEngine(scenario);
  engine.run({
    ...options,
    onProgress: (p) => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      options.onProgress?.(p);
    },
  });
  const wallSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const ledger = engine.payments.ledger;
  return buildReport(engine.kpi, {
    engine: 'des',
    ledger: ledger.snapshot(),
    ledgerSum: ledger.sum(),
    rejectedPayouts: engine.payments.rejectedPayouts,
    walkedAway: engine.consumers.walkedAway,
    workshopWorkers: engine.workshopWorkers(),
    run: {
      wallSeconds: Math.round(wallSeconds * 1000) / 1000,
      peakRssMb: Math.round(peakRss / 2 ** 20),
      eventsPerWallSecond: Math.round(engine.kpi.events / wallSeconds),
      ordersPerWallSecond: Math.round(engine.kpi.placed / wallSeconds),
      startedAt: started.toISOString(),
    },
  });
}
