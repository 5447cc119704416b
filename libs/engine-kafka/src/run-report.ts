/**
 * The report of a distributed run: the in-process engine's report, made from the counters
 * the services folded into Redis, plus what only a distributed run has (its pace, instances,
 * duplicates, dead letters, latencies, scaling) and its end-of-run audit.
 */
import type { Kafka } from 'kafkajs';
import type Redis from 'ioredis';
import { RunKeys } from '@weft/contracts';
import { HOUR_MS, createWorkshops, workshopWorkers, type Scenario } from '@weft/domain';
import { KpiCollector, buildReport, type RunReport } from '@weft/telemetry';
import type { EventCollector } from './event-collector';
import { auditKafkaRun, ledgerBalances } from './kafka-audit';
import { serviceViews } from './service-views';
import type { ServiceProcess } from './service-processes';

/** What the driver knows of a run once its clock has stopped. */
export interface RunFacts {
  runId: string;
  /** The run's broker and topic prefix: the audit replays the ledger from its events. */
  kafka: Kafka;
  topicPrefix: string;
  epoch: string;
  pace: number | 'max';
  clock: { grainMs: number; lookaheadMs: number };
  instances: Record<string, number>;
  drained: boolean;
  startedAt: Date;
  wallSeconds: number;
  liveSeconds: number;
  /** How far every role had applied the run, in simulated ms. */
  doneUntilMs: number;
  servicesPeakRssMb: number;
  processes: readonly ServiceProcess[];
  collector: EventCollector | null;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export async function kafkaReport(
  scenario: Scenario,
  redis: Redis,
  f: RunFacts,
): Promise<RunReport> {
  const clockHorizon = scenario.horizonHours * HOUR_MS;
  const achieved = Math.min(f.doneUntilMs, clockHorizon) / HOUR_MS / f.liveSeconds;
  const views = await serviceViews(f.processes);
  const stats = {
    ...(await redis.hgetall(RunKeys.paymentStats)),
    ...(await redis.hgetall(RunKeys.consumerStats)),
  };
  const balances = await ledgerBalances(redis);
  const workers = workshopWorkers(createWorkshops(scenario));
  const kpi = new KpiCollector(scenario);
  const counters = await redis.hgetall(RunKeys.kpi);
  kpi.addCounters(Object.entries(counters).map(([name, v]) => [name, Number(v)]));
  const report = buildReport(kpi, {
    engine: 'kafka',
    ledger: balances,
    ledgerSum: Object.values(balances).reduce((a, b) => a + b, 0),
    rejectedPayouts: Number(stats.rejectedPayouts ?? 0),
    walkedAway: Number(stats.walkedAway ?? 0),
    workshopWorkers: workers,
    run: {
      wallSeconds: Math.round(f.wallSeconds * 1000) / 1000,
      peakRssMb: Math.round(process.memoryUsage.rss() / 2 ** 20),
      eventsPerWallSecond: Math.round(kpi.events / f.wallSeconds),
      ordersPerWallSecond: Math.round(kpi.placed / f.wallSeconds),
      startedAt: f.startedAt.toISOString(),
    },
  });
  const { collector } = f;
  report.kafka = {
    runId: f.runId,
    timeScale: f.pace === 'max' ? round3(achieved) : f.pace,
    pace: { asked: f.pace, achievedHoursPerSecond: round3(achieved) },
    clock: f.clock,
    instances: f.instances,
    duplicatesDelivered: collector?.duplicates ?? views.duplicatesDelivered ?? 0,
    deadLetters: collector?.deadLetters.length ?? views.monitor?.deadLetters ?? 0,
    drained: f.drained,
    liveSeconds: Math.round(f.liveSeconds * 1000) / 1000,
    eventsPerLiveSecond: Math.round(kpi.events / f.liveSeconds),
    servicesPeakRssMb: f.servicesPeakRssMb,
    latency: collector?.latency.report() ?? views.latency,
    scaling: views.scaling,
    monitor: views.monitor,
  };
  report.audit = await auditKafkaRun(scenario, {
    kafka: f.kafka,
    redis,
    runId: f.runId,
    topicPrefix: f.topicPrefix,
    epoch: f.epoch,
    drained: f.drained,
    // Every order, the warm-up's too: the events by type count them all, as the broker has them.
    counters: {
      placed: kpi.byType.OrderPlaced ?? 0,
      delivered: kpi.byType.OrderDelivered ?? 0,
      cancelled: kpi.byType.OrderCancelled ?? 0,
    },
  });
  return report;
}
