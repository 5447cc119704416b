/**
 * `weft run --engine kafka`, phase by phase: `open` brings up (or attaches to) Kafka, Redis
 * and the services and publishes the run; `startClock` lets simulated time move, only as
 * far as every role has caught up and no faster than the pace; `untilDrained` waits for
 * the pipeline to empty; `report` builds the same report as the DES engine; `close` stops
 * what the run started. `runKafka` is the five in that order.
 */
import { join } from 'node:path';
import type { Admin } from 'kafkajs';
import type Redis from 'ioredis';
import { ALL_TOPICS, ROLE_SERVICES, ServiceInputs, type ServiceName } from '@weft/contracts';
import type { Scenario } from '@weft/domain';
import {
  deleteKeysUnderPrefix,
  provisionTopics,
  newRunEpoch,
  publishRunConfig,
  runLost,
  ClockCoordinator,
  ClockTrace,
  clockSettings,
  type ClockState,
  type RunConfig,
} from '@weft/kafka';
import { groupIdOf } from '@weft/service/env';
import type { RunReport } from '@weft/telemetry';
import {
  CLOCK_GRAIN_MS,
  DEFAULT_LOOKAHEAD_SECONDS,
  keepClock,
  simMsPerWallMs,
  type KeptClock,
} from './clock-keeper';
import { RunFailedError, watchDrain } from './drain-watch';
import { EventCollector } from './event-collector';
import { pipelineState, type PipelineState } from './pipeline-state';
import { connectRun, type RunConnection } from './run-connection';
import type { KafkaRunOptions, RunLog } from './run-options';
import { groupsStable, runOpened, topicsReady } from './run-readiness';
import { kafkaReport } from './run-report';
import { totalRssMb } from './service-memory';
import { awaitHealthy, startService, stopService, type ServiceProcess } from './service-processes';

export type { KafkaRunOptions, LiveRun } from './run-options';

/** A service's exit code for a configuration it cannot run with: restarting cannot help. */
const EXIT_CONFIG = 78;
/** Restarts a run makes before it calls its services unable to stay up. */
const MAX_RESTARTS = 20;

export class KafkaRun {
  readonly runId: string;
  readonly topicPrefix: string;
  readonly brokers: string[];
  readonly admin: Admin;
  readonly redis: Redis;
  /** The service processes this run started (none when attached); one that dies is replaced. */
  readonly processes: ServiceProcess[] = [];
  /** Instances per service: those started, or those found in the groups when attached. */
  readonly instances: Record<string, number> = {};
  private readonly log: RunLog;
  private readonly config: RunConfig;
  private readonly coordinator: ClockCoordinator;
  private readonly trace: ClockTrace;
  private readonly observerGroup: string;
  /** Only a caller that wants every event (the tests' audit) pays for a second full read. */
  private readonly collector: EventCollector | null;
  private openedWallMs = Date.now();
  private kept: KeptClock | null = null;
  private clockStopped: Promise<void> | null = null;
  private liveFromWallMs = 0;
  private liveUntilWallMs = 0;
  private drained = false;
  private servicesPeakRssMb = 0;
  private closed: Promise<void> | null = null;
  /** Why the run cannot go on (a service that cannot be kept alive), once known. */
  private failure: string | null = null;
  /** Services this run brought back after they died, by the instance that replaced them. */
  readonly restarts: { died: string; code: number | null; as: string }[] = [];

  private constructor(
    private readonly scenario: Scenario,
    private readonly o: KafkaRunOptions,
    private readonly connection: RunConnection,
  ) {
    this.runId = connection.runId;
    this.topicPrefix = connection.runId ? `${connection.runId}.` : '';
    this.brokers = connection.brokers;
    this.redis = connection.redis;
    this.admin = connection.kafka.admin();
    this.log = o.log ?? (() => undefined);
    const lookaheadMs = (o.lookaheadSeconds ?? DEFAULT_LOOKAHEAD_SECONDS) * 1000;
    const paceHoursPerSecond = o.pace === 'max' ? null : o.pace;
    this.config = {
      epoch: newRunEpoch(),
      scenario,
      clock: { grainMs: CLOCK_GRAIN_MS, lookaheadMs, paceHoursPerSecond },
    };
    this.coordinator = new ClockCoordinator(connection.redis, clockSettings(this.config));
    this.trace = o.clockTrace ?? new ClockTrace();
    this.observerGroup = groupIdOf(connection.runId, `observer-${connection.tag}`);
    this.collector = o.observe
      ? new EventCollector(
          connection.kafka,
          this.topicPrefix,
          this.observerGroup,
          this.config.epoch,
        )
      : null;
  }

  /**
   * Everything before the clock starts: the stack up (or the deployment attached), the
   * run's topics, its services started and healthy, its config published, every consumer
   * group stable and the run's opening events written. A failure stops what was started.
   */
  static async open(scenario: Scenario, o: KafkaRunOptions): Promise<KafkaRun> {
    const run = new KafkaRun(scenario, o, await connectRun(o));
    try {
      await run.prepare();
    } catch (err) {
      await run.close().catch(() => undefined);
      throw err;
    }
    return run;
  }

  private get topics(): string[] {
    return ALL_TOPICS.map((t) => this.topicPrefix + t);
  }

  private async prepare(): Promise<void> {
    const { o } = this;
    await this.admin.connect();
    this.openedWallMs = Date.now();
    const retentionMs = (o.retentionHours ?? 24) * 3_600_000;
    await topicsReady(this.admin, this.topics, () =>
      provisionTopics(
        this.connection.kafka,
        this.topics.map((topic) => ({ topic, partitions: o.partitions, retentionMs })),
      ),
    );
    if (!o.attach) await this.startServices();
    await this.allHealthy();
    if (this.collector && o.observe) {
      this.collector.onEvent = o.observe;
      this.collector.clock = this.trace;
      await this.collector.start();
    }
    if (!(await publishRunConfig(this.redis, this.config)))
      throw new Error(
        `a run was already started in ${this.runId ? `run ${this.runId}` : 'this deployment'} (its config is in Redis): ` +
          'its services keep their state, so start another run with fresh services (docker compose down, or a new WEFT_RUN_ID)',
      );
    // The clock starts once every service has joined its consumer group and the run's
    // opening events are written: nothing owed yet would read as a finished run.
    const roleGroup = (s: ServiceName) => groupIdOf(this.runId, s);
    await groupsStable(
      this.admin,
      ROLE_SERVICES.map((s) => ({ groupId: roleGroup(s), members: this.instances[s] ?? 0 })),
    );
    if (o.attach) {
      const { groups: joined } = await this.admin.describeGroups(ROLE_SERVICES.map(roleGroup));
      ROLE_SERVICES.forEach((s, i) => (this.instances[s] = joined[i]?.members.length ?? 0));
    }
    await runOpened(this.redis);
  }

  /** The environment a service of this run starts with. */
  private envOf(service: ServiceName): Record<string, string> {
    return {
      WEFT_RUN_ID: this.connection.tag,
      WEFT_KAFKA_BROKERS: this.brokers.join(','),
      WEFT_REDIS_URL: this.connection.redisUrl,
      WEFT_TOPIC_PARTITIONS: String(this.o.partitions),
      WEFT_TOPIC_RETENTION_HOURS: String(this.o.retentionHours ?? 24),
      WEFT_LOG_LEVEL: 'warn',
      ...this.o.serviceEnv?.[service],
    };
  }

  private get logDir(): string {
    return join(this.o.outDir, 'logs');
  }

  private async startServices(): Promise<void> {
    for (const service of [...ROLE_SERVICES, 'capacity', 'monitor'] as ServiceName[]) {
      const n = service === 'consumers' ? 1 : (this.o.instances[service] ?? 1);
      this.instances[service] = n;
      for (let i = 1; i <= n; i++) this.supervise(await this.startInstance(service, i));
    }
    await this.recordProcesses();
  }

  /** A kept run's services are detached from the start: they must outlive this process. */
  private startInstance(service: ServiceName, instance: number): Promise<ServiceProcess> {
    return startService(service, instance, this.envOf(service), this.logDir, {
      detached: this.o.keep,
    });
  }

  /** Tells the stack which processes the run has now, so that they can be listed and stopped. */
  private async recordProcesses(): Promise<void> {
    await this.connection.stack?.recordRun?.({
      runId: this.runId,
      keep: this.o.keep,
      outDir: this.o.outDir,
      brokers: this.brokers,
      services: this.processes.flatMap((p) =>
        p.child.pid === undefined
          ? []
          : [
              {
                service: p.service,
                instanceId: p.instanceId,
                pid: p.child.pid,
                port: p.port,
                logFile: p.logFile,
              },
            ],
      ),
    });
  }

  /**
   * Keeps a service process alive: one that dies while the run goes on is started again
   * under a new instance name, as an orchestrator replaces a pod (its outbox is adopted once
   * its lease lapses). One that cannot start (a bad config) or dies too often fails the run.
   */
  private supervise(p: ServiceProcess): void {
    this.processes.push(p);
    void p.exited.then(async (code) => {
      if (this.closed || !this.processes.includes(p)) return;
      if (code === EXIT_CONFIG || this.restarts.length >= MAX_RESTARTS) {
        this.failure ??= `${p.instanceId} exited with code ${code} and was not restarted (${code === EXIT_CONFIG ? 'its configuration is wrong' : `${MAX_RESTARTS} restarts already`}); its last output:\n${await p.lastOutput()}`;
        return;
      }
      try {
        const next = await this.replace(p);
        this.restarts.push({ died: p.instanceId, code, as: next.instanceId });
        this.log(`${p.instanceId} exited (code ${code}); restarted as ${next.instanceId}`);
      } catch (err) {
        this.failure ??= `${p.instanceId} exited and could not be restarted: ${String(err)}`;
      }
    });
  }

  /** Starts a new instance of `p`'s service in its place, under the next free name. */
  private async replace(p: ServiceProcess): Promise<ServiceProcess> {
    const numbers = this.processes
      .filter((q) => q.service === p.service)
      .map((q) => Number(q.instanceId.split('-').pop()));
    const next = await this.startInstance(p.service as ServiceName, Math.max(0, ...numbers) + 1);
    this.processes.splice(this.processes.indexOf(p), 1);
    this.supervise(next);
    await this.recordProcesses();
    await awaitHealthy(next);
    return next;
  }

  /**
   * Waits until every service answers /health. One that exits meanwhile (a port taken
   * between its choice and its listen) is replaced by the supervisor; its successor is
   * waited for in the next round.
   */
  private async allHealthy(): Promise<void> {
    for (let round = 1; ; round++) {
      const results = await Promise.allSettled(this.processes.map((p) => awaitHealthy(p)));
      const failed = results.find((r) => r.status === 'rejected');
      if (!failed) return;
      if (this.failure) throw new Error(this.failure);
      if (round >= 3) throw failed.reason;
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }

  /** Why the run cannot go on, if it cannot: a service not kept alive, or Redis lost the run. */
  private async whyFailed(): Promise<string | undefined> {
    if (this.failure) return this.failure;
    // A Redis that does not answer (a restart) is not a lost run: the next check asks again,
    // and the drain watch gives up if the pipeline stays unreadable.
    return runLost(this.redis, this.config.epoch).catch(() => undefined);
  }

  /** Simulated time zero is now: the clock is kept from here until the horizon or `close`. */
  startClock(): void {
    if (this.kept) throw new Error(`run ${this.runId}: its clock is already started`);
    this.liveFromWallMs = Date.now();
    this.coordinator.start(this.liveFromWallMs);
    const kept = keepClock(this.coordinator, this.trace);
    this.kept = kept;
    void kept.done.then(
      () => (this.liveUntilWallMs = Date.now()),
      () => undefined,
    );
    const { pace } = this.o;
    this.log(
      `run ${this.runId}: ${this.processes.length} processes, pace ${pace === 'max' ? 'max' : `${pace} simulated h per wall s`}`,
    );
    const url = this.dashboardUrl;
    if (url) this.log(`dashboard: ${url}`);
    this.o.onLive?.({
      runId: this.runId,
      topicPrefix: this.topicPrefix,
      processes: this.processes,
      restarts: this.restarts,
    });
  }

  /**
   * Changes the pace from now on: simulated hours per wall second, or as fast as the
   * pipeline carries. The report's `pace.asked` stays the pace the run was opened with.
   */
  setPace(pace: number | 'max'): void {
    this.coordinator.setPace(simMsPerWallMs(pace));
  }

  /** Where the monitor this run started serves its live dashboard (undefined: none started). */
  get dashboardUrl(): string | undefined {
    const monitor = this.processes.find((p) => p.service === 'monitor');
    return monitor && `http://127.0.0.1:${monitor.port}/`;
  }

  get clock(): ClockState {
    return this.coordinator.state;
  }

  /** The consumer groups whose lag the run waits for: every role's, the observer's, the monitor's. */
  private get groups(): { groupId: string; topics: string[] }[] {
    const groups = ROLE_SERVICES.map((s) => ({
      groupId: groupIdOf(this.runId, s),
      topics: ServiceInputs[s].map((t) => this.topicPrefix + t),
    }));
    if (this.collector) groups.push({ groupId: this.observerGroup, topics: this.topics });
    // The monitor's figures go into the report: wait for it too, where this run started it.
    if (this.processes.some((p) => p.service === 'monitor'))
      groups.push({
        groupId: groupIdOf(this.runId, 'monitor'),
        topics: ServiceInputs.monitor.map((t) => this.topicPrefix + t),
      });
    return groups;
  }

  /** How far the pipeline is from drained now: consumer lag, unsent outboxes, events so far. */
  sample(): Promise<PipelineState> {
    return pipelineState(this.admin, this.redis, this.groups, [...ROLE_SERVICES]);
  }

  /**
   * Waits until the clock has passed the horizon and the pipeline is empty, or the clock
   * has not moved for the stall timeout; then stops the clock. Returns whether it drained.
   */
  async untilDrained(): Promise<boolean> {
    if (!this.kept) throw new Error(`run ${this.runId}: start its clock before waiting for it`);
    try {
      const watched = await watchDrain({
        clock: () => this.clock,
        sample: () => this.sample(),
        rssMb: () => totalRssMb(this.processes),
        stallMs: this.o.stallTimeoutMs ?? 120_000,
        failure: () => this.whyFailed(),
        log: this.log,
        onProgress: this.o.onProgress,
      });
      // Drained, but only if the run is still whole at the end (a wipe in the last check).
      const failure = watched.drained ? await this.whyFailed() : undefined;
      if (failure) throw new RunFailedError(failure);
      this.drained = watched.drained;
      this.servicesPeakRssMb = Math.max(this.servicesPeakRssMb, watched.peakRssMb);
    } finally {
      await this.stopClock();
    }
    if (this.drained) await this.o.inspect?.(this.redis);
    return this.drained;
  }

  private stopClock(): Promise<void> {
    const kept = this.kept;
    if (!kept) return Promise.resolve();
    kept.stop();
    this.clockStopped ??= kept.done.catch((err: unknown) =>
      this.log(`the clock failed: ${String(err)}`),
    );
    return this.clockStopped;
  }

  /** The run's report, as the DES engine's plus the distributed run's own figures; stops the clock. */
  async report(): Promise<RunReport> {
    await this.stopClock();
    const now = Date.now();
    const liveUntil = this.liveUntilWallMs || now;
    return kafkaReport(this.scenario, this.redis, {
      runId: this.runId,
      kafka: this.connection.kafka,
      topicPrefix: this.topicPrefix,
      epoch: this.config.epoch,
      pace: this.o.pace,
      clock: { grainMs: this.config.clock.grainMs, lookaheadMs: this.config.clock.lookaheadMs },
      instances: this.instances,
      drained: this.drained,
      startedAt: this.connection.startedAt,
      wallSeconds: (now - this.openedWallMs) / 1000,
      liveSeconds: Math.max(0.001, (liveUntil - (this.liveFromWallMs || now)) / 1000),
      doneUntilMs: this.coordinator.state.doneUntilMs,
      servicesPeakRssMb: this.servicesPeakRssMb,
      processes: this.processes,
      collector: this.collector,
    });
  }

  /**
   * Stops the clock and the observer; unless kept or attached, stops the services, deletes
   * the run's topics and keys and stops the stack this run started; disconnects. A kept run
   * (one whose clock started) hands the stack over to its services, which stay up. Safe to repeat.
   */
  close(): Promise<void> {
    this.closed ??= this.teardown();
    return this.closed;
  }

  private async teardown(): Promise<void> {
    await this.stopClock();
    await this.collector?.stop().catch(() => undefined);
    // A run that failed before its clock started has nothing worth keeping.
    if (this.o.keep && this.kept && !this.o.attach) {
      await this.connection.stack?.handOver?.();
    } else if (!this.o.attach) {
      await Promise.all(this.processes.map((p) => stopService(p)));
      await this.admin.deleteTopics({ topics: this.topics }).catch(() => undefined);
      await deleteKeysUnderPrefix(this.redis).catch(() => undefined);
      await this.connection.stack?.stop();
    }
    await this.admin.disconnect();
    await this.redis.quit();
  }
}

/** A whole run, as `weft run --engine kafka` makes it: open, clock, drain, report, close. */
export async function runKafka(scenario: Scenario, o: KafkaRunOptions): Promise<RunReport> {
  const run = await KafkaRun.open(scenario, o);
  try {
    run.startClock();
    await run.untilDrained();
    return await run.report();
  } finally {
    await run.close();
  }
}
