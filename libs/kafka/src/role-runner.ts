/**
 * Runs one domain role as a Kafka service: consume in batches, parse at the edge (bad
 * events to the dead-letter topic with the reason), drop what was already applied, load
 * state, let the role react, commit state + outbox + timers + dedupe markers in one Redis
 * MULTI, produce the outbox, then commit offsets. Timers fire from Redis as simulated
 * time passes, after a restart too.
 */
import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import type { ChainableCommander } from 'ioredis';
import {
  Partitioners,
  type Consumer,
  type EachBatchPayload,
  type Kafka,
  type Producer,
} from 'kafkajs';
import type { Logger } from 'pino';
import type { SpanContext } from '@opentelemetry/api';
import {
  EventParseError,
  EventRoutes,
  RunKeys,
  Topics,
  DEAD_LETTER_MAX_VALUE_BYTES,
  deadLetterMessage,
  foreignRunReason,
  parseEvent,
  peekOrderId,
  runHeaderOf,
  type DeadLetterClass,
  type UsageRecord,
} from '@weft/contracts';
import { HOUR_MS, type AnyEvent, type ReactContext } from '@weft/domain';
import {
  EventTraces,
  KpiCollector,
  ServiceMetrics,
  SpanAttributes,
  orderLogFields,
  readTraceContext,
  type Backlog,
  type MessageHeaders,
  type SpanRecorder,
} from '@weft/telemetry';
import { BatchContext } from './batch-context';
import { CoPartitionedAssigner } from './co-partitioned-assigner';
import { Outbox } from './outbox';
import { FencedError, PartitionFence, RunLostError } from './partition-fence';
import type { RoleStore } from './role-store';
import type { RunConfig } from './run-config';
import { ClockFollower, OwedReactions } from './sim-clock';

export interface RoleRunnerOptions {
  service: string;
  instanceId: string;
  groupId: string;
  topics: readonly string[];
  topicPrefix: string;
  /**
   * How long an applied event's id is remembered (dedupe window): at least as long as the
   * topics keep the event, or a redelivery after it is forgotten would be applied again.
   */
  seenTtlMs: number;
  /** Wall ms without a heartbeat before the group takes this instance's partitions away. */
  sessionTimeoutMs?: number;
  /** How often timers are looked at without a clock message (a missed one, a failed relay). */
  timerPollMs?: number;
  /** Fault injection: wall ms to wait before each group apply (a slow consumer). */
  applyDelayMs?: number;
  /** Where the runner counts what it consumes, produces and dead-letters (its own if none). */
  metrics?: ServiceMetrics;
  /** Where events' spans are exported, when an OTLP endpoint is configured. */
  spans?: SpanRecorder;
  /**
   * Called once when the runner cannot go on (Redis lost the run, the consumer crashed for
   * good): the host fails its health check and exits, so that its supervisor restarts it.
   */
  onFatal?: (err: Error) => void;
}

/** Events per RPUSH or ZADD of a transaction. */
const WRITE_CHUNK = 500;
/** Batches of one fetch handed to the runner at once (more than any instance owns). */
const MAX_PARTITIONS_AT_ONCE = 256;

/** A message refused before it reached the role, and why. */
interface Refused {
  value: Buffer | null;
  reason: string;
  kind: DeadLetterClass;
  offset: string;
  headers: MessageHeaders;
}

interface Pending {
  events: AnyEvent[];
  partition: number;
  /** The membership the batch was fetched under (see PartitionFence). */
  token: string;
  resolve: () => void;
  reject: (err: unknown) => void;
}
/** How often an instance reports the events it applied to the capacity service. */
const USAGE_INTERVAL_MS = 1000;
/** Dead instances' outboxes are looked for every this many usage ticks. */
const ADOPT_EVERY_TICKS = 5;

/** Redis errors that pass (a restart, a failover, AOF loading): kafkajs retries the batch. */
const TRANSIENT_REDIS =
  /Connection is closed|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|MaxRetriesPerRequest|^LOADING|^READONLY|^BUSY|^TRYAGAIN/;

/**
 * kafkajs restarts its consumer after an error marked retriable and crashes it for good
 * otherwise (see the CRASH handler). A Redis that is briefly away is worth retrying.
 */
function asRetriable(err: unknown): unknown {
  if (err instanceof Error && (TRANSIENT_REDIS.test(err.message) || TRANSIENT_REDIS.test(err.name)))
    Object.assign(err, { retriable: true });
  return err;
}

/** Drops events already applied (a dedupe marker) and repeats within the batch. */
function unseen(events: AnyEvent[], marks: (string | null)[]): AnyEvent[] {
  const ids = new Set<string>();
  return events.filter((e, i) => marks[i] === null && !ids.has(e.id) && ids.add(e.id));
}

export class RoleRunner {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  /** A connection of the fence's own: WATCH holds per connection. */
  private readonly tx: Redis;
  private readonly fence: PartitionFence;
  private failed: Error | null = null;
  private readonly outbox: Outbox;
  private readonly clock: ClockFollower;
  private readonly owed: OwedReactions;
  /** The KPIs of what one transaction emits: added to the run's counters in that transaction. */
  private readonly kpi: KpiCollector;
  private readonly horizonMs: number;
  private timer: NodeJS.Timeout | null = null;
  private firing = false;
  private fireAgain = false;
  /**
   * When the service's next timer is due, as far as this instance knows: a clock message
   * before it needs no trip to Redis. Lowered by the timers this instance sets; the slow
   * loop reads it afresh (timers other instances set).
   */
  private nextTimerMs = 0;
  /** The earliest timer this instance set while a fire was under way (it may not have seen it). */
  private setWhileFiring = Infinity;
  private usageTimer: NodeJS.Timeout | null = null;
  private reported = 0;
  private reporting = false;
  private stopped = false;
  private pending: Pending[] = [];
  private flushScheduled = false;
  private flushing: Promise<void> = Promise.resolve();
  applied = 0;
  deadLettered = 0;
  /** This start of the instance, in its usage records (see UsageRecord.applied). */
  private readonly life = randomBytes(6).toString('hex');
  private readonly metrics: ServiceMetrics;
  private readonly traces: EventTraces;
  /** The headers each consumed event arrived with, until it is applied (its trace context). */
  private readonly headersOf = new WeakMap<AnyEvent, MessageHeaders>();
  /** Each input topic's full name (with the run's prefix) to its catalogue name. */
  private readonly topicName: ReadonlyMap<string, string>;
  /** Batches dropped because this instance no longer owned their partitions. */
  fenced = 0;

  constructor(
    kafka: Kafka,
    private readonly redis: Redis,
    private readonly store: RoleStore,
    private readonly run: RunConfig,
    private readonly opts: RoleRunnerOptions,
    private readonly logger: Logger,
  ) {
    this.consumer = kafka.consumer({
      groupId: opts.groupId,
      maxWaitTimeInMs: 50,
      sessionTimeout: opts.sessionTimeoutMs ?? 15_000,
      partitionAssigners: [CoPartitionedAssigner],
    });
    this.tx = redis.duplicate();
    this.fence = new PartitionFence(this.tx, opts.service, opts.instanceId, run.epoch);
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) =>
      this.fence.claim(payload.memberId, payload.memberAssignment),
    );
    // kafkajs restarts its consumer after a retriable failure; one it does not restart
    // leaves a process that looks alive and consumes nothing.
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart && !this.stopped) this.fail(payload.error);
    });
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.clock = new ClockFollower(redis);
    this.clock.onAdvance = (s) => {
      if (s.fireUntilMs >= this.nextTimerMs) this.kickTimers();
    };
    this.owed = new OwedReactions(run.clock.grainMs);
    this.kpi = new KpiCollector(run.scenario);
    this.horizonMs = run.scenario.horizonHours * HOUR_MS;
    this.metrics = opts.metrics ?? new ServiceMetrics(opts.service);
    this.traces = new EventTraces(run.epoch);
    this.topicName = new Map(opts.topics.map((t) => [opts.topicPrefix + t, t]));
    this.outbox = new Outbox(
      redis,
      this.producer,
      opts.service,
      opts.instanceId,
      opts.topicPrefix,
      run.epoch,
      { metrics: this.metrics, logger },
    );
  }

  /** Simulated time every role has applied up to (0 before the clock starts). */
  get simNowMs(): number {
    return Math.max(0, this.clock.now.doneUntilMs);
  }

  /** What waits in this instance's outbox and the service's timers (one round trip). */
  async backlog(): Promise<Backlog> {
    const fireUntil = this.clock.now.fireUntilMs;
    const res = await this.redis
      .pipeline()
      .llen(this.outbox.outboxKey)
      .zcard(this.outbox.timersKey)
      .zcount(this.outbox.timersKey, '-inf', fireUntil < 0 ? '-inf' : fireUntil)
      .exec();
    const [outbox = 0, timers = 0, due = 0] = (res ?? []).map(([err, n]) => {
      if (err) throw err;
      return Number(n);
    });
    return { outbox, timersDue: due, timersWaiting: timers - due };
  }

  get timersKey(): string {
    return this.outbox.timersKey;
  }

  /** Emits the role's opening events once per run (the first arrival, say). */
  async startOnce(start: (ctx: ReactContext) => void): Promise<void> {
    const ctx = new BatchContext(this.run.scenario.seed, this.traces);
    start(ctx);
    // The marker and the opening events in one transaction, under WATCH: an instance that
    // dies between them leaves neither, so the next one writes both.
    const key = RunKeys.started(this.opts.service);
    for (;;) {
      await this.tx.watch(key, RunKeys.epoch);
      const [started, epoch] = await this.tx.mget(key, RunKeys.epoch);
      if (started !== null || epoch !== this.run.epoch) {
        await this.tx.unwatch();
        if (epoch !== this.run.epoch) throw new RunLostError((await this.fence.lost()) ?? '');
        return;
      }
      const multi = this.tx.multi().set(key, '1');
      this.writeEmitted(multi, ctx);
      if (await multi.exec()) return;
    }
  }

  async start(): Promise<void> {
    await this.store.init?.(this.redis);
    await this.producer.connect();
    await this.outbox.keepAlive();
    // Whatever a previous life of this instance left in its outbox goes out first.
    await this.outbox.relay();
    await this.clock.start();
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.opts.topics.map((t) => this.opts.topicPrefix + t),
      fromBeginning: true,
    });
    await this.consumer.run({
      eachBatchAutoResolve: false,
      // Every partition's batch of a fetch is taken at once and the batches are applied
      // together (see `enqueue`): one load, one reaction pass and one transaction per fetch
      // rather than per partition. A redelivery after a crash is harmless (dedupe), so
      // offsets are committed on a clock.
      partitionsConsumedConcurrently: MAX_PARTITIONS_AT_ONCE,
      autoCommitInterval: 500,
      eachBatch: (payload) => this.onBatch(payload),
    });
    this.scheduleTimers();
    let ticks = 0;
    this.usageTimer = setInterval(() => {
      this.reportUsage().catch((err: unknown) =>
        this.logger.warn({ err }, 'usage report failed; the next one carries it'),
      );
      this.keepOutbox(++ticks % ADOPT_EVERY_TICKS === 0).catch((err: unknown) =>
        this.logger.warn({ err }, 'outbox lease or adoption failed; retrying'),
      );
    }, USAGE_INTERVAL_MS);
  }

  /** Renews this instance's outbox lease and, now and then, adopts dead instances' outboxes. */
  private async keepOutbox(adopt: boolean): Promise<void> {
    await this.outbox.keepAlive();
    if (!adopt) return;
    const moved = await this.outbox.adoptOrphans();
    if (moved === 0) return;
    this.logger.warn({ events: moved }, "adopted a dead instance's outbox");
    this.kickRelay();
  }

  /** Tells the capacity service how many events this instance applied since last time. */
  private async reportUsage(): Promise<void> {
    // One report at a time: a send retried through a broker outage outlasts the interval,
    // and two in flight would both count the same events.
    if (this.reporting) return;
    const events = this.applied - this.reported;
    if (events === 0) return;
    this.reporting = true;
    try {
      await this.sendUsage(events);
    } finally {
      this.reporting = false;
    }
  }

  private async sendUsage(events: number): Promise<void> {
    const record: UsageRecord = {
      v: 1,
      kind: 'usage',
      service: this.opts.service,
      instanceId: this.opts.instanceId,
      events,
      applied: this.applied,
      life: this.life,
      simMs: Math.max(0, this.clock.now.doneUntilMs),
      wallMs: Date.now(),
    };
    await this.producer.send({
      topic: this.opts.topicPrefix + Topics.CapacityUsage,
      acks: -1,
      messages: [{ key: this.opts.service, value: JSON.stringify(record) }],
    });
    this.metrics.eventsProduced.inc({ topic: Topics.CapacityUsage });
    this.reported += events;
  }

  /**
   * The runner cannot go on: it stops consuming and tells its host, once. What it has
   * committed stays; what it has not is redelivered to whoever takes its partitions.
   */
  private fail(err: unknown): void {
    if (this.failed) return;
    this.failed = err instanceof Error ? err : new Error(String(err));
    this.logger.fatal({ err: this.failed }, `${this.opts.service} cannot go on`);
    this.opts.onFatal?.(this.failed);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.usageTimer) clearInterval(this.usageTimer);
    await this.clock.stop();
    await this.consumer.disconnect();
    // What the last batches emitted goes out before the producer closes: an instance that
    // is scaled away does not come back under its name to relay its outbox.
    await this.outbox
      .relay()
      .catch((err: unknown) => this.logger.error({ err }, 'outbox not emptied at stop'));
    await this.reportUsage().catch(() => undefined);
    await this.outbox.release().catch(() => undefined);
    await this.producer.disconnect();
    this.tx.disconnect();
  }

  private kickRelay(): void {
    this.outbox
      .relay()
      .catch((err: unknown) =>
        this.logger.error({ err }, 'outbox relay failed; the timer loop retries'),
      );
  }

  /**
   * A slow loop behind the clock's messages: timers other instances set, a missed message
   * and a failed relay are looked at here.
   */
  private scheduleTimers(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.nextTimerMs = 0;
      this.kickTimers();
      this.scheduleTimers();
    }, this.opts.timerPollMs ?? 250);
  }

  /** Fires the timers the clock lets fire; calls that come while it runs are folded into one more. */
  private kickTimers(): void {
    if (this.stopped) return;
    if (this.firing) {
      this.fireAgain = true;
      return;
    }
    this.firing = true;
    this.fireTimers()
      .catch((err: unknown) => this.logger.error({ err }, 'firing timers failed; retrying'))
      .finally(() => {
        this.firing = false;
        if (!this.fireAgain) return;
        this.fireAgain = false;
        this.kickTimers();
      });
  }

  private async fireTimers(): Promise<void> {
    const until = this.clock.now.fireUntilMs;
    if (until < 0) return;
    const limit = 5000;
    for (;;) {
      this.setWhileFiring = Infinity;
      const { fired, nextAtMs } = await this.outbox.fireDue(until, limit);
      this.nextTimerMs = Math.min(nextAtMs, this.setWhileFiring);
      // Also retries any relay that failed: the outbox is empty in the common case.
      await this.outbox.relay();
      if (fired < limit) return;
    }
  }

  private async onBatch({
    batch,
    resolveOffset,
    heartbeat,
    commitOffsetsIfNecessary,
    isRunning,
  }: EachBatchPayload) {
    if (!isRunning() || batch.messages.length === 0 || this.failed) return;
    const token = this.fence.current;
    const topic = this.topicName.get(batch.topic) ?? batch.topic;
    this.metrics.eventsConsumed.inc({ topic }, batch.messages.length);
    const events: AnyEvent[] = [];
    const dead: Refused[] = [];
    const epoch = this.run.epoch;
    for (const m of batch.messages) {
      // Another run's event (or one no service of this run wrote) is refused before it is
      // parsed or deduplicated: its id may be one of this run's.
      const foreign = foreignRunReason(runHeaderOf(m.headers), epoch);
      if (foreign) {
        const { value, offset, headers } = m;
        dead.push({ value, reason: foreign, kind: 'foreign-run', offset, headers });
        continue;
      }
      try {
        const event = parseEvent(m.value);
        this.headersOf.set(event, m.headers);
        events.push(event);
      } catch (err) {
        if (!(err instanceof EventParseError)) throw err;
        const { value, offset, headers } = m;
        dead.push({ value, reason: err.reason, kind: err.kind, offset, headers });
      }
    }
    const handled = events.filter((e) => this.store.role.handles.includes(e.type));
    try {
      await this.enqueue(handled, batch.partition, token);
    } catch (err) {
      if (err instanceof RunLostError) return this.fail(err);
      if (!(err instanceof FencedError)) throw asRetriable(err);
      // Nothing of the batch was written and its offset stays where it was: the partition's
      // owner applies it. The role's memory may be ahead of Redis: it is loaded again.
      this.fenced++;
      this.logger.warn({ partition: batch.partition, reason: err.message }, 'batch fenced off');
      await this.store.init?.(this.redis);
      await heartbeat();
      return;
    }
    if (dead.length > 0) await this.deadLetter(batch.topic, topic, batch.partition, dead);
    // The batch's effects are durable in Redis now: the outbox goes out in the background
    // (a crash before it is sent is recovered at the next start), and the offset may move.
    this.kickRelay();
    const last = batch.messages[batch.messages.length - 1];
    if (last) resolveOffset(last.offset);
    await commitOffsetsIfNecessary();
    await heartbeat();
  }

  /**
   * Hands a batch's events to the next group apply and waits for it. The batches of one
   * fetch arrive together (one per partition) and are applied as one: in simulated-time
   * order (a stable sort, so each partition's order holds for equal times, and a cause,
   * never later than its effect, stays first), with one state load and one transaction.
   * Group applies run one at a time, so the role's state is never changed concurrently.
   */
  private enqueue(events: AnyEvent[], partition: number, token: string): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.pending.push({ events, partition, token, resolve, reject });
      if (this.flushScheduled) return;
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushing = this.flushing.then(() => this.flush());
      });
    });
  }

  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const group = this.pending;
    this.pending = [];
    try {
      const events = group.length === 1 ? (group[0]?.events ?? []) : group.flatMap((g) => g.events);
      events.sort((a, b) => a.atMs - b.atMs);
      const token = this.fence.current;
      const stale = group.find((g) => g.token !== token);
      if (stale)
        throw new FencedError(
          `${this.opts.service}: a batch of partition ${stale.partition} was fetched before the group last rebalanced; dropped`,
        );
      const partitions = [...new Set(group.map((g) => g.partition))];
      // The fence is checked (and watched) in the round trip that reads the dedupe markers.
      const marks = await this.fence.begin(
        partitions,
        token,
        events.map((e) => RunKeys.seen(this.opts.service, e.id)),
      );
      const fresh = unseen(events, marks);
      if (fresh.length === 0) await this.fence.abandon();
      else
        await this.apply(fresh, partitions, token).catch(async (err: unknown) => {
          await this.fence.abandon().catch(() => undefined);
          throw err;
        });
      for (const g of group) g.resolve();
    } catch (err) {
      for (const g of group) g.reject(err);
    }
  }

  /**
   * Loads, reacts and commits, the commit fenced (see PartitionFence): it is refused, with
   * nothing written, if this member no longer owns the events' partitions or Redis lost the run.
   */
  private async apply(events: AnyEvent[], partitions: number[], token: string): Promise<void> {
    const startedNs = process.hrtime.bigint();
    const startedWallMs = Date.now();
    const delay = this.opts.applyDelayMs ?? 0;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    await this.store.load(this.redis, events);
    const ctx = new BatchContext(this.run.scenario.seed, this.traces, this.headersOf);
    for (const e of events) {
      ctx.enter(e);
      this.store.role.react(e, ctx);
    }
    const result = await this.fence.commit(partitions, token, (multi) => {
      this.store.persist(multi, events);
      const ttl = this.opts.seenTtlMs;
      for (const e of events) multi.set(RunKeys.seen(this.opts.service, e.id), '1', 'PX', ttl);
      // What the batch pays the clock, in the same transaction as its effects. An event the
      // clock has passed already would be a broken promise: counted, never hidden.
      const done = this.clock.now.doneUntilMs;
      let passed = 0;
      for (const e of events) {
        this.owed.applied(e);
        if (e.atMs <= done) passed++;
      }
      if (passed > 0) multi.hincrby(RunKeys.clockViolations, this.opts.service, passed);
      this.writeEmitted(multi, ctx);
    });
    const failed = result.find(([err]) => err !== null);
    if (failed) throw new Error(`redis transaction failed: ${String(failed[0])}`);
    this.applied += events.length;
    this.metrics.handled(events.length, startedNs);
    this.traceEmitted(ctx, startedWallMs);
  }

  /**
   * What a committed batch emitted, for tracing: each event's span to the exporter (when
   * one is configured), and at debug level a line for each order whose trace it started.
   */
  private traceEmitted(ctx: BatchContext, startedWallMs: number): void {
    const spans = this.opts.spans;
    const debug = this.logger.isLevelEnabled('debug');
    if (!spans && !debug) return;
    const endWallMs = Date.now();
    const each = (
      events: AnyEvent[],
      traces: SpanContext[],
      parents: (SpanContext | undefined)[],
    ) =>
      events.forEach((e, i) => {
        const context = traces[i];
        if (!context) return;
        const parent = parents[i];
        if (debug && !parent && e.orderId !== '')
          this.logger.debug(
            { ...orderLogFields(e.orderId, context), type: e.type },
            'order trace started',
          );
        spans?.record({
          name: e.type,
          context,
          parent,
          startWallMs: startedWallMs,
          endWallMs,
          attributes: {
            [SpanAttributes.messagingSystem]: 'kafka',
            [SpanAttributes.destination]: EventRoutes[e.type].topic,
            [SpanAttributes.operation]: 'create',
            [SpanAttributes.messageId]: e.id,
            [SpanAttributes.orderId]: e.orderId,
            [SpanAttributes.simMs]: e.atMs,
          },
        });
      });
    each(ctx.now, ctx.nowTrace, ctx.nowParent);
    each(ctx.later, ctx.laterTrace, ctx.laterParent);
  }

  /**
   * What a transaction emits, all in that transaction: now to the outbox, later to the
   * service's timers (a few hundred events a command: a demand tick plans thousands of
   * arrivals at once), what the events owe the clock, and their KPI counters.
   */
  private writeEmitted(multi: ChainableCommander, ctx: BatchContext): void {
    for (const e of ctx.now) this.owed.emitted(e);
    for (const e of ctx.later) {
      this.owed.emitted(e);
      if (e.atMs < this.nextTimerMs) this.nextTimerMs = e.atMs;
      if (e.atMs < this.setWhileFiring) this.setWhileFiring = e.atMs;
    }
    this.owed.writeTo(multi);
    this.foldKpi(multi, ctx);
    const outbox = this.outbox;
    const { now, nowTrace, later, laterTrace } = ctx;
    for (let i = 0; i < now.length; i += WRITE_CHUNK) {
      const lines: string[] = [];
      for (let j = i; j < Math.min(i + WRITE_CHUNK, now.length); j++) {
        const e = now[j];
        const trace = nowTrace[j];
        if (e && trace) lines.push(outbox.line(e, trace));
      }
      multi.rpush(outbox.outboxKey, ...lines);
    }
    for (let i = 0; i < later.length; i += WRITE_CHUNK) {
      const scored: (number | string)[] = [];
      for (let j = i; j < Math.min(i + WRITE_CHUNK, later.length); j++) {
        const e = later[j];
        const trace = laterTrace[j];
        if (e && trace) scored.push(e.atMs, outbox.line(e, trace));
      }
      multi.zadd(outbox.timersKey, ...scored);
    }
  }

  /**
   * Folds what a transaction emits into the run's KPIs, in that transaction: every event
   * is emitted exactly once, so the report needs nobody to read the topics again. Events
   * past the horizon never happen, as in the in-process engine.
   */
  private foldKpi(multi: ChainableCommander, ctx: BatchContext): void {
    const kpi = this.kpi;
    for (const e of ctx.now) if (e.atMs <= this.horizonMs) kpi.observe(e);
    for (const e of ctx.later) if (e.atMs <= this.horizonMs) kpi.observe(e);
    for (const [field, value] of kpi.counters()) {
      if (Number.isInteger(value)) multi.hincrby(RunKeys.kpi, field, value);
      else multi.hincrbyfloat(RunKeys.kpi, field, value);
    }
    kpi.reset();
  }

  /** Dead-letters what a batch of `topic` (`name` in the catalogue) held that no role may apply. */
  private async deadLetter(topic: string, name: string, partition: number, dead: Refused[]) {
    this.deadLettered += dead.length;
    for (const d of dead) {
      const orderId = peekOrderId(d.value);
      const traceId = readTraceContext(d.headers)?.traceId;
      this.logger.warn(
        {
          ...(orderId !== undefined && { orderId }),
          ...(traceId !== undefined && { traceId }),
          topic,
          partition,
          offset: d.offset,
          reason: d.reason,
        },
        'event dead-lettered',
      );
      this.metrics.deadLettered.inc({ topic: name, reason: d.kind });
    }
    // Each record fits the broker's limit; several large ones together would not, so they
    // go in sends of at most about one record's worth. Each keeps its trace context.
    const messages = dead.map((d) =>
      deadLetterMessage(
        d.value,
        {
          reason: d.reason,
          sourceTopic: topic,
          sourcePartition: partition,
          sourceOffset: d.offset,
          service: this.opts.service,
        },
        d.headers,
      ),
    );
    let chunk: typeof messages = [];
    let bytes = 0;
    const flush = async () => {
      if (chunk.length === 0) return;
      await this.producer.send({
        topic: this.opts.topicPrefix + Topics.DeadLetter,
        acks: -1,
        messages: chunk,
      });
      this.metrics.eventsProduced.inc({ topic: Topics.DeadLetter }, chunk.length);
      chunk = [];
      bytes = 0;
    };
    for (const m of messages) {
      const size = m.value?.length ?? 0;
      if (bytes + size > DEAD_LETTER_MAX_VALUE_BYTES) await flush();
      chunk.push(m);
      bytes += size;
    }
    await flush();
  }
}
