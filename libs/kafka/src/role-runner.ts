/**
 * Runs one domain role as a Kafka service: consume in batches, parse at the edge (bad
 * events to the dead-letter topic with the reason), drop what was already applied, load
 * state, let the role react, commit state + outbox + timers + dedupe markers in one Redis
 * MULTI, produce the outbox, then commit offsets. Timers fire from Redis as simulated
 * time passes, after a restart too.
 */
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
import {
  EventParseError,
  RunKeys,
  Topics,
  deadLetterMessage,
  parseEvent,
  type UsageRecord,
} from '@weft/contracts';
import { HOUR_MS, SeededContext, type AnyEvent, type ReactContext } from '@weft/domain';
import { KpiCollector } from '@weft/telemetry';
import { CoPartitionedAssigner } from './co-partitioned-assigner';
import { Outbox } from './outbox';
import type { RoleStore } from './role-store';
import type { RunConfig } from './run-config';
import { ClockFollower, OwedReactions } from './sim-clock';

export interface RoleRunnerOptions {
  service: string;
  instanceId: string;
  groupId: string;
  topics: readonly string[];
  topicPrefix: string;
  /** How long an applied event's id is remembered (dedupe window). */
  seenTtlMs?: number;
  /** How often timers are looked at without a clock message (a missed one, a failed relay). */
  timerPollMs?: number;
  /** Fault injection: wall ms to wait before each group apply (a slow consumer). */
  applyDelayMs?: number;
}

const SEEN_TTL_MS = 6 * 3600_000;
/** Events per RPUSH or ZADD of a transaction. */
const WRITE_CHUNK = 500;
/** Batches of one fetch handed to the runner at once (more than any instance owns). */
const MAX_PARTITIONS_AT_ONCE = 256;

interface Pending {
  events: AnyEvent[];
  resolve: () => void;
  reject: (err: unknown) => void;
}
/** How often an instance reports the events it applied to the capacity service. */
const USAGE_INTERVAL_MS = 1000;
/** Dead instances' outboxes are looked for every this many usage ticks. */
const ADOPT_EVERY_TICKS = 5;

/** Collects what the role emits while it handles one event: now, or later (timers). */
class BatchContext extends SeededContext {
  readonly now: AnyEvent[] = [];
  readonly later: AnyEvent[] = [];

  protected deliver(event: AnyEvent): void {
    (event.atMs > this.nowMs ? this.later : this.now).push(event);
  }
}

export class RoleRunner {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
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
  private stopped = false;
  private pending: Pending[] = [];
  private flushScheduled = false;
  private flushing: Promise<void> = Promise.resolve();
  applied = 0;
  deadLettered = 0;

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
      sessionTimeout: 15_000,
      partitionAssigners: [CoPartitionedAssigner],
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
    this.outbox = new Outbox(redis, this.producer, opts.service, opts.instanceId, opts.topicPrefix);
  }

  get timersKey(): string {
    return this.outbox.timersKey;
  }

  /** Emits the role's opening events once per run (the first arrival, say). */
  async startOnce(start: (ctx: ReactContext) => void): Promise<void> {
    const ctx = new BatchContext(this.run.scenario.seed);
    start(ctx);
    const multi = this.redis.multi();
    this.writeEmitted(multi, ctx);
    const won = await this.redis.set(RunKeys.started(this.opts.service), '1', 'NX');
    if (won === 'OK') await multi.exec();
    else multi.discard();
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
    const events = this.applied - this.reported;
    if (events === 0) return;
    const record: UsageRecord = {
      v: 1,
      kind: 'usage',
      service: this.opts.service,
      instanceId: this.opts.instanceId,
      events,
      simMs: Math.max(0, this.clock.now.doneUntilMs),
      wallMs: Date.now(),
    };
    await this.producer.send({
      topic: this.opts.topicPrefix + Topics.CapacityUsage,
      acks: -1,
      messages: [{ key: this.opts.service, value: JSON.stringify(record) }],
    });
    this.reported += events;
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
    if (!isRunning() || batch.messages.length === 0) return;
    const events: AnyEvent[] = [];
    const dead: { value: Buffer | null; reason: string; offset: string }[] = [];
    for (const m of batch.messages) {
      try {
        events.push(parseEvent(m.value));
      } catch (err) {
        if (!(err instanceof EventParseError)) throw err;
        dead.push({ value: m.value, reason: err.reason, offset: m.offset });
      }
    }
    await this.enqueue(events.filter((e) => this.store.role.handles.includes(e.type)));
    if (dead.length > 0) await this.deadLetter(batch.topic, batch.partition, dead);
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
  private enqueue(events: AnyEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.pending.push({ events, resolve, reject });
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
      const fresh = await this.unseen(events);
      if (fresh.length > 0) await this.apply(fresh);
      for (const g of group) g.resolve();
    } catch (err) {
      for (const g of group) g.reject(err);
    }
  }

  /** Drops events already applied (a redelivery) and repeats within the batch. */
  private async unseen(events: AnyEvent[]): Promise<AnyEvent[]> {
    if (events.length === 0) return events;
    const marks = await this.redis.mget(events.map((e) => RunKeys.seen(this.opts.service, e.id)));
    const ids = new Set<string>();
    return events.filter((e, i) => marks[i] === null && !ids.has(e.id) && ids.add(e.id));
  }

  private async apply(events: AnyEvent[]): Promise<void> {
    const delay = this.opts.applyDelayMs ?? 0;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    await this.store.load(this.redis, events);
    const ctx = new BatchContext(this.run.scenario.seed);
    for (const e of events) {
      ctx.enter(e);
      this.store.role.react(e, ctx);
    }
    const multi = this.redis.multi();
    this.store.persist(multi, events);
    const ttl = this.opts.seenTtlMs ?? SEEN_TTL_MS;
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
    const result = await multi.exec();
    const failed = result?.find(([err]) => err !== null);
    if (!result || failed)
      throw new Error(`redis transaction failed: ${String(failed?.[0] ?? 'aborted')}`);
    this.applied += events.length;
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
    for (let i = 0; i < ctx.now.length; i += WRITE_CHUNK)
      multi.rpush(
        outbox.outboxKey,
        ...ctx.now.slice(i, i + WRITE_CHUNK).map((e) => outbox.line(e)),
      );
    for (let i = 0; i < ctx.later.length; i += WRITE_CHUNK)
      multi.zadd(
        outbox.timersKey,
        ...ctx.later.slice(i, i + WRITE_CHUNK).flatMap((e) => [e.atMs, outbox.line(e)]),
      );
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

  private async deadLetter(
    topic: string,
    partition: number,
    dead: { value: Buffer | null; reason: string; offset: string }[],
  ) {
    this.deadLettered += dead.length;
    for (const d of dead)
      this.logger.warn(
        { topic, partition, offset: d.offset, reason: d.reason },
        'event dead-lettered',
      );
    await this.producer.send({
      topic: this.opts.topicPrefix + Topics.DeadLetter,
      acks: -1,
      messages: dead.map((d) =>
        deadLetterMessage(d.value, {
          reason: d.reason,
          sourceTopic: topic,
          sourcePartition: partition,
          sourceOffset: d.offset,
          service: this.opts.service,
        }),
      ),
    });
  }
}
