/**
 * `weft run --engine kafka`: brings the stack up if needed, starts the services as
 * separate processes, publishes the run, keeps its simulated clock (which moves only as
 * far as every role has caught up, and no faster than the pace asked for), observes every
 * topic, builds the same report as the DES engine, and stops what it started.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Admin } from 'kafkajs';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import {
  ALL_TOPICS,
  ROLE_SERVICES,
  RunKeys,
  ServiceInputs,
  keyPrefixOf,
  type ServiceName,
} from '@weft/contracts';
import {
  ACCOUNTS,
  HOUR_MS,
  createWorkshops,
  workshopWorkers,
  type Account,
  type AnyEvent,
  type Scenario,
} from '@weft/domain';
import {
  createKafka,
  createRedis,
  deleteKeysUnderPrefix,
  provisionTopics,
  publishRunConfig,
  ClockCoordinator,
  ClockTrace,
  clockSettings,
  type ClockState,
  type RunConfig,
} from '@weft/kafka';
import { groupIdOf } from '@weft/service';
import {
  KpiCollector,
  buildReport,
  createLogger,
  type LatencyReport,
  type RunReport,
} from '@weft/telemetry';
import { loadStackConfig, stackDown, stackUp } from '../stack';
import { EventCollector } from './event-collector';
import { pipelineState } from './pipeline-state';
import { awaitHealthy, startService, stopService, type ServiceProcess } from './service-processes';

export interface LiveRun {
  runId: string;
  topicPrefix: string;
  processes: ServiceProcess[];
  /** Starts a stopped process again: under its own name, or under `instance` (a replaced pod). */
  restart: (p: ServiceProcess, instance?: number) => Promise<ServiceProcess>;
}

export interface KafkaRunOptions {
  /** Simulated hours per wall second at most, or as fast as the pipeline carries. */
  pace: number | 'max';
  /**
   * Simulated seconds past the clock's frontier that timers may fire: the most that events
   * can be applied out of their simulated order (default DEFAULT_LOOKAHEAD_SECONDS).
   */
  lookaheadSeconds?: number;
  instances: Partial<Record<ServiceName, number>>;
  keep: boolean;
  outDir: string;
  partitions: number;
  /** How long the run's topics keep their messages (default 24 h). */
  retentionHours?: number;
  /** Give up when the clock has not moved for this long (wall ms; default 120 s). */
  stallTimeoutMs?: number;
  onProgress?: (p: { simHours: number; events: number; placed: number; lag: number }) => void;
  /** Called once the run is live, with its processes (tests kill one here). */
  onLive?: (live: LiveRun) => void;
  log?: (line: string) => void;
  /**
   * Drive services that are already running (docker compose, Kubernetes) instead of
   * starting the stack and the services: their brokers, Redis and run id (none: the
   * deployment's unprefixed topics and keys). Nothing is stopped or deleted afterwards.
   */
  attach?: { brokers: string[]; redisUrl: string; runId?: string };
  /** Sees every distinct event the run produced, and when (tests audit orders with it). */
  observe?: (event: AnyEvent, producedWallMs: number) => void;
  /** Records every state of the run's clock (tests check the clock against the events). */
  clockTrace?: ClockTrace;
  /** Extra environment for one service's processes (fault injection in tests, say). */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
  /** Looks at the run's Redis state once it has drained, before anything is deleted. */
  inspect?: (redis: Redis) => Promise<void>;
}

/** Simulated ms per clock window: the frontier moves in steps of one simulated second. */
const CLOCK_GRAIN_MS = 1000;
/**
 * How far ahead of the frontier timers fire by default: a simulated minute less the
 * window, so that no timer goes out more than a simulated minute behind the clock.
 */
export const DEFAULT_LOOKAHEAD_SECONDS = 55;
/** How often the driver looks at what the pipeline still owes while the clock runs. */
const CLOCK_TICK_MS = 2;

/** Waits until the role that opens the run (the consumers' first arrivals) has written its opening events. */
async function runOpened(redis: Redis, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await redis.get(RunKeys.started('consumers')))) {
    if (Date.now() > deadline)
      throw new Error(`the consumers service did not open the run within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Keeps the run's clock until it has passed the horizon (or `stop` is called): recomputes
 * it every few ms from what the pipeline still owes, records each state it publishes.
 */
function keepClock(coordinator: ClockCoordinator, trace: ClockTrace) {
  let stopped = false;
  let seq = 0;
  const done = (async () => {
    while (!stopped) {
      const s = await coordinator.tick();
      if (s.seq !== seq) {
        seq = s.seq;
        trace.record(s);
      }
      if (s.finished) return;
      await new Promise((r) => setTimeout(r, CLOCK_TICK_MS));
    }
  })();
  return {
    done,
    stop: () => {
      stopped = true;
    },
  };
}

/** Waits until each group is Stable with all its members, or at least one for `members: 0` (or 60 s pass). */
async function groupsStable(
  admin: Admin,
  groups: { groupId: string; members: number }[],
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { groups: described } = await admin.describeGroups(groups.map((g) => g.groupId));
    const ready = groups.every((g) => {
      const d = described.find((x) => x.groupId === g.groupId);
      const members = d?.members.length ?? 0;
      return d?.state === 'Stable' && (g.members === 0 ? members > 0 : members === g.members);
    });
    if (ready) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Creates the run's topics and waits until each partition has a leader: a broker that
 * has just started may refuse metadata for a moment, so both steps are retried.
 */
async function topicsReady(
  admin: Admin,
  topics: string[],
  create: () => Promise<unknown>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await create();
      const { topics: meta } = await admin.fetchTopicMetadata({ topics });
      if (meta.every((t) => t.partitions.every((p) => p.leader >= 0))) return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    if (Date.now() > deadline) throw new Error(`topics not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** What the capacity and monitor services show at the end of a run (absent if they do not answer). */
async function serviceViews(processes: ServiceProcess[]) {
  const get = async (service: string, path: string): Promise<unknown> => {
    const p = processes.find((x) => x.service === service);
    if (!p) return undefined;
    try {
      const res = await fetch(`http://127.0.0.1:${p.port}${path}`);
      return res.ok ? await res.json() : undefined;
    } catch {
      return undefined;
    }
  };
  const [capacity, monitor] = (await Promise.all([
    get('capacity', '/capacity'),
    get('monitor', '/summary'),
  ])) as [
    { services?: Record<string, { consumerLag: number; recommendedReplicas: number }> } | undefined,
    (
      | {
          distinctEvents: number;
          duplicatesDelivered: number;
          deadLetters: { count: number };
          latency: LatencyReport;
        }
      | undefined
    ),
  ];
  return {
    scaling:
      capacity?.services &&
      Object.fromEntries(
        Object.entries(capacity.services).map(([s, v]) => [
          s,
          { consumerLag: v.consumerLag, recommendedReplicas: v.recommendedReplicas },
        ]),
      ),
    monitor: monitor && {
      distinctEvents: monitor.distinctEvents,
      deadLetters: monitor.deadLetters.count,
    },
    latency: monitor?.latency,
    duplicatesDelivered: monitor?.duplicatesDelivered,
  };
}

/** Resident memory of the service processes together, in MB (Linux /proc; 0 elsewhere). */
async function totalRssMb(processes: readonly ServiceProcess[]): Promise<number> {
  const kb = await Promise.all(
    processes.map(async (p) => {
      try {
        const status = await readFile(`/proc/${p.child.pid}/status`, 'utf8');
        return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      } catch {
        return 0;
      }
    }),
  );
  return Math.round(kb.reduce((a, b) => a + b, 0) / 1024);
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export async function runKafka(scenario: Scenario, o: KafkaRunOptions): Promise<RunReport> {
  const log = o.log ?? (() => undefined);
  const started = new Date();
  const stackConfig = loadStackConfig(process.env);
  const attach = o.attach;
  const stack = attach ? null : await stackUp(stackConfig, log);
  const tag = `r${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const runId = attach ? attach.runId : tag;
  const prefix = runId ? `${runId}.` : '';
  const logger: Logger = createLogger('weft-run', 'warn');
  const brokers = attach?.brokers ?? [`${stackConfig.kafka.host}:${stackConfig.kafka.port}`];
  const redisUrl = attach?.redisUrl ?? stackConfig.redis.url;
  const kafka = createKafka({ brokers, clientId: `weft-run-${tag}` }, logger);
  const redis = createRedis({ url: redisUrl, keyPrefix: keyPrefixOf(runId) });
  const admin = kafka.admin();
  await admin.connect();
  const processes: ServiceProcess[] = [];
  const observerGroup = groupIdOf(runId, `observer-${tag}`);
  // Only a caller that wants every event (the tests' audit) pays for a second full read:
  // the report is made from the counters the services fold where events are emitted.
  const collector = o.observe ? new EventCollector(kafka, prefix, observerGroup) : null;
  let drained = false;
  const t0 = Date.now();
  try {
    const runTopics = ALL_TOPICS.map((t) => prefix + t);
    await topicsReady(admin, runTopics, () =>
      provisionTopics(
        kafka,
        runTopics.map((topic) => ({
          topic,
          partitions: o.partitions,
          retentionMs: (o.retentionHours ?? 24) * 3_600_000,
        })),
      ),
    );
    const env = {
      WEFT_RUN_ID: tag,
      WEFT_KAFKA_BROKERS: brokers.join(','),
      WEFT_REDIS_URL: redisUrl,
      WEFT_TOPIC_PARTITIONS: String(o.partitions),
      WEFT_TOPIC_RETENTION_HOURS: String(o.retentionHours ?? 24),
      WEFT_LOG_LEVEL: 'warn',
    };
    const logDir = join(o.outDir, 'logs');
    const counts: Record<string, number> = {};
    for (const service of [...ROLE_SERVICES, 'capacity', 'monitor'] as ServiceName[]) {
      if (attach) break; // they run already
      const n = service === 'consumers' ? 1 : (o.instances[service] ?? 1);
      counts[service] = n;
      const own = { ...env, ...o.serviceEnv?.[service] };
      for (let i = 1; i <= n; i++) processes.push(await startService(service, i, own, logDir));
    }
    await Promise.all(processes.map((p) => awaitHealthy(p)));
    const trace = o.clockTrace ?? new ClockTrace();
    if (collector && o.observe) {
      collector.onEvent = o.observe;
      collector.clock = trace;
      await collector.start();
    }
    const lookaheadMs = (o.lookaheadSeconds ?? DEFAULT_LOOKAHEAD_SECONDS) * 1000;
    const paceHoursPerSecond = o.pace === 'max' ? null : o.pace;
    const config: RunConfig = {
      scenario,
      clock: { grainMs: CLOCK_GRAIN_MS, lookaheadMs, paceHoursPerSecond },
    };
    if (!(await publishRunConfig(redis, config)))
      throw new Error(
        `a run was already started in ${runId ? `run ${runId}` : 'this deployment'} (its config is in Redis): ` +
          'its services keep their state, so start another run with fresh services (docker compose down, or a new WEFT_RUN_ID)',
      );
    // The clock starts once every service has joined its consumer group and the run's
    // opening events are written: nothing owed yet would read as a finished run.
    await groupsStable(
      admin,
      ROLE_SERVICES.map((s) => ({ groupId: groupIdOf(runId, s), members: counts[s] ?? 0 })),
    );
    if (attach) {
      const { groups: joined } = await admin.describeGroups(
        ROLE_SERVICES.map((s) => groupIdOf(runId, s)),
      );
      ROLE_SERVICES.forEach((s, i) => (counts[s] = joined[i]?.members.length ?? 0));
    }
    await runOpened(redis);
    const coordinator = new ClockCoordinator(redis, clockSettings(config));
    const liveFrom = Date.now();
    coordinator.start(liveFrom);
    const clock = keepClock(coordinator, trace);
    let liveUntil = 0;
    void clock.done.then(
      () => (liveUntil = Date.now()),
      () => undefined,
    );
    log(
      `run ${runId}: ${processes.length} processes, pace ${o.pace === 'max' ? 'max' : `${o.pace} simulated h per wall s`}`,
    );

    const restart = async (p: ServiceProcess, instance?: number) => {
      const next = await startService(
        p.service,
        instance ?? Number(p.instanceId.split('-').pop()),
        { ...env, ...o.serviceEnv?.[p.service as ServiceName] },
        logDir,
      );
      processes[processes.indexOf(p)] = next;
      await awaitHealthy(next);
      return next;
    };
    o.onLive?.({ runId: runId ?? '', topicPrefix: prefix, processes, restart });

    const groups = ROLE_SERVICES.map((s) => ({
      groupId: groupIdOf(runId, s),
      topics: ServiceInputs[s].map((t) => prefix + t),
    }));
    if (collector)
      groups.push({ groupId: observerGroup, topics: ALL_TOPICS.map((t) => prefix + t) });
    // The monitor's figures go into the report: wait for it too, where this run started it.
    if (processes.some((p) => p.service === 'monitor'))
      groups.push({
        groupId: groupIdOf(runId, 'monitor'),
        topics: ServiceInputs.monitor.map((t) => prefix + t),
      });
    const stallMs = o.stallTimeoutMs ?? 120_000;
    let lastMove = Date.now();
    let lastDone = -1;
    let idleChecks = 0;
    let servicesPeakRssMb = 0;
    try {
      for (;;) {
        await new Promise((r) => setTimeout(r, 500));
        const now: ClockState = coordinator.state;
        if (now.doneUntilMs !== lastDone) {
          lastDone = now.doneUntilMs;
          lastMove = Date.now();
        } else if (Date.now() - lastMove > stallMs) {
          log(
            `the clock has not moved for ${stallMs} ms (at ${(lastDone / HOUR_MS).toFixed(3)} h)`,
          );
          break;
        }
        const state = await pipelineState(admin, redis, groups, [...ROLE_SERVICES]);
        o.onProgress?.({
          simHours: Math.max(0, now.doneUntilMs) / HOUR_MS,
          events: state.events,
          placed: state.placed,
          lag: state.lag,
        });
        log(`drain: sim ${(now.doneUntilMs / HOUR_MS).toFixed(2)} h ${JSON.stringify(state)}`);
        servicesPeakRssMb = Math.max(servicesPeakRssMb, await totalRssMb(processes));
        // Past the horizon every reaction is paid; what is left is sending the facts no
        // role reacts to, and the observer reading them.
        const quiet = now.finished && state.lag === 0 && state.outbox === 0;
        idleChecks = quiet ? idleChecks + 1 : 0;
        if (idleChecks >= 2) {
          drained = true;
          break;
        }
      }
    } finally {
      clock.stop();
      await clock.done.catch((err: unknown) => log(`the clock failed: ${String(err)}`));
    }
    if (drained) await o.inspect?.(redis);
    const wallSeconds = (Date.now() - t0) / 1000;
    const clockHorizon = scenario.horizonHours * HOUR_MS;
    const liveSeconds = Math.max(0.001, ((liveUntil || Date.now()) - liveFrom) / 1000);
    const achieved = Math.min(coordinator.state.doneUntilMs, clockHorizon) / HOUR_MS / liveSeconds;
    const views = await serviceViews(processes);
    const ledger = await redis.hgetall(RunKeys.ledger);
    const stats = {
      ...(await redis.hgetall(RunKeys.paymentStats)),
      ...(await redis.hgetall(RunKeys.consumerStats)),
    };
    const balances = Object.fromEntries(ACCOUNTS.map((a) => [a, Number(ledger[a] ?? 0)])) as Record<
      Account,
      number
    >;
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
        wallSeconds: Math.round(wallSeconds * 1000) / 1000,
        peakRssMb: Math.round(process.memoryUsage.rss() / 2 ** 20),
        eventsPerWallSecond: Math.round(kpi.events / wallSeconds),
        ordersPerWallSecond: Math.round(kpi.placed / wallSeconds),
        startedAt: started.toISOString(),
      },
    });
    report.kafka = {
      runId: runId ?? '',
      timeScale: o.pace === 'max' ? round3(achieved) : o.pace,
      pace: { asked: o.pace, achievedHoursPerSecond: round3(achieved) },
      clock: { grainMs: CLOCK_GRAIN_MS, lookaheadMs },
      instances: counts,
      duplicatesDelivered: collector?.duplicates ?? views.duplicatesDelivered ?? 0,
      deadLetters: collector?.deadLetters.length ?? views.monitor?.deadLetters ?? 0,
      drained,
      liveSeconds: Math.round(liveSeconds * 1000) / 1000,
      eventsPerLiveSecond: Math.round(kpi.events / liveSeconds),
      servicesPeakRssMb,
      latency: collector?.latency.report() ?? views.latency,
      scaling: views.scaling,
      monitor: views.monitor,
    };
    return report;
  } finally {
    await collector?.stop().catch(() => undefined);
    if (!o.keep && !attach) {
      await Promise.all(processes.map((p) => stopService(p)));
      await admin
        .deleteTopics({ topics: ALL_TOPICS.map((t) => prefix + t) })
        .catch(() => undefined);
      await deleteKeysUnderPrefix(redis).catch(() => undefined);
      const ours = (['kafka', 'redis'] as const).filter((s) => stack?.[s].action === 'started');
      if (ours.length > 0) await stackDown(stackConfig, log, { services: ours });
    }
    await admin.disconnect();
    await redis.quit();
  }
}
