/**
 * The transactional outbox. Events a batch emits are written to Redis in the same MULTI
 * as the state they come from; only then are they produced to Kafka, and only after
 * Kafka acknowledged them are they trimmed. A crash anywhere re-produces at worst (the
 * same ids: consumers drop the duplicates), never loses.
 *
 * Each instance has an outbox of its own and keeps a lease on it. An instance that dies
 * and does not come back under its name (a pod replaced under a new one) leaves events
 * behind; once its lease has lapsed, a living instance of the service adopts them.
 *
 * An entry keeps the event's trace context with it (see `line`), so the relay, whenever
 * and wherever it runs, produces the event with the context it was emitted with.
 */
import type Redis from 'ioredis';
import type { IHeaders, Message, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { SpanContext } from '@opentelemetry/api';
import {
  EventRoutes,
  RUN_HEADER,
  RunKeys,
  TraceHeaders,
  Topics,
  deadLetterMessage,
  eventJson,
  peekOrderId,
  type DeadLetterClass,
} from '@weft/contracts';
import type { AnyEvent, EventType, WeftEvent } from '@weft/domain';
import { readTraceContext, traceHeaders, type ServiceMetrics } from '@weft/telemetry';

/**
 * Moves due timers to an outbox atomically, so each fires exactly once across instances;
 * returns how many moved and when the next one is due (−1: none left).
 */
const FIRE_TIMERS_LUA = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
if #due > 0 then
  redis.call('ZREM', KEYS[1], unpack(due))
  redis.call('RPUSH', KEYS[2], unpack(due))
end
local nxt = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return { #due, nxt[2] or '-1' }`;

/** Trims what a relay sent, but only if the list still starts where the relay read it. */
const TRIM_SENT_LUA = `
if redis.call('LINDEX', KEYS[1], 0) == ARGV[1] then
  redis.call('LTRIM', KEYS[1], tonumber(ARGV[2]), -1)
  return 1
end
return 0`;

/** Moves a dead instance's outbox to the end of ours, if its lease has lapsed. */
const ADOPT_LUA = `
if redis.call('EXISTS', KEYS[2]) == 1 then return -1 end
local n = 0
while true do
  local items = redis.call('LRANGE', KEYS[1], 0, 999)
  if #items == 0 then break end
  redis.call('RPUSH', KEYS[3], unpack(items))
  redis.call('LTRIM', KEYS[1], #items, -1)
  n = n + #items
end
redis.call('SREM', KEYS[4], ARGV[1])
return n`;

const RELAY_BATCH = 2000;

/**
 * Broker refusals that say the message itself is wrong (too large, corrupt): sending it
 * again cannot help, so it goes to the dead-letter topic instead of blocking the outbox.
 */
const POISON = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'INVALID_TIMESTAMP',
]);

/** The broker's error type somewhere in a kafkajs error's causes, if any. */
function protocolTypeOf(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && depth < 5; depth++) {
    const { type, cause } = e as { type?: unknown; cause?: unknown };
    if (typeof type === 'string') return type;
    e = cause;
  }
  return undefined;
}

export const isPoison = (err: unknown): boolean => POISON.has(protocolTypeOf(err) ?? '');
/** How long an instance's outbox stays its own without a renewal. */
export const OUTBOX_LEASE_MS = 10_000;

type Scripts = Record<string, (...a: unknown[]) => Promise<unknown>>;

/** Where an outbox reports what it produced and dead-lettered. */
export interface OutboxObservers {
  metrics: ServiceMetrics;
  logger: Logger;
}

/** Where a service's outboxes, timers and leases live in Redis (under the run's prefix). */
export const OutboxKeys = {
  outbox: RunKeys.outbox,
  timers: RunKeys.timers,
  /** The instances whose outbox may hold events: each stays listed until it is empty. */
  registry: RunKeys.outboxes,
  lease: RunKeys.lease,
};

export class Outbox {
  private relaying: Promise<number> = Promise.resolve(0);

  readonly outboxKey: string;
  readonly timersKey: string;
  private readonly registryKey: string;
  /** Every message carries the run's epoch. */
  private readonly runEpoch: string;
  /** Outbox entries the broker refused for good and that were dead-lettered instead. */
  poisoned = 0;

  constructor(
    private readonly redis: Redis,
    private readonly producer: Producer,
    private readonly service: string,
    private readonly instanceId: string,
    private readonly topicPrefix: string,
    runEpoch: string,
    private readonly observers?: OutboxObservers,
  ) {
    this.runEpoch = runEpoch;
    this.outboxKey = OutboxKeys.outbox(service, instanceId);
    this.timersKey = OutboxKeys.timers(service);
    this.registryKey = OutboxKeys.registry(service);
    redis.defineCommand('weftFireTimers', { numberOfKeys: 2, lua: FIRE_TIMERS_LUA });
    redis.defineCommand('weftTrimSent', { numberOfKeys: 1, lua: TRIM_SENT_LUA });
    redis.defineCommand('weftAdopt', { numberOfKeys: 4, lua: ADOPT_LUA });
  }

  private leaseKey(instanceId: string): string {
    return OutboxKeys.lease(this.service, instanceId);
  }

  private script<T = number>(name: string): (...a: unknown[]) => Promise<T> {
    const fn = (this.redis as unknown as Scripts)[name];
    if (!fn) throw new Error(`outbox: script ${name} not defined`);
    return (...a: unknown[]) => fn.call(this.redis, ...a) as Promise<T>;
  }

  /** Takes (or renews) the lease on this instance's outbox and lists it among the service's. */
  async keepAlive(): Promise<void> {
    await this.redis
      .multi()
      .set(this.leaseKey(this.instanceId), '1', 'PX', OUTBOX_LEASE_MS)
      .sadd(this.registryKey, this.instanceId)
      .exec();
  }

  /** Gives the lease up once the outbox is empty (a clean stop); nothing is left to adopt. */
  async release(): Promise<void> {
    if ((await this.redis.llen(this.outboxKey)) > 0) return;
    await this.redis
      .multi()
      .del(this.leaseKey(this.instanceId))
      .srem(this.registryKey, this.instanceId)
      .exec();
  }

  /** Adopts the outboxes of the service's instances whose lease lapsed; returns the events moved. */
  async adoptOrphans(): Promise<number> {
    const adopt = this.script('weftAdopt');
    let moved = 0;
    for (const other of await this.redis.smembers(this.registryKey)) {
      if (other === this.instanceId) continue;
      const n = await adopt(
        OutboxKeys.outbox(this.service, other),
        this.leaseKey(other),
        this.outboxKey,
        this.registryKey,
        other,
      );
      if (n > 0) moved += n;
    }
    return moved;
  }

  topicOf(type: EventType): string {
    return this.topicPrefix + EventRoutes[type].topic;
  }

  keyOf(event: AnyEvent): string {
    return (EventRoutes[event.type].key as (e: WeftEvent) => string)(event);
  }

  /**
   * An event as the outbox keeps it, ready to produce: topic, key, traceparent, tracestate
   * (often empty) and value, one per line (neither holds a newline: JSON escapes them, the
   * trace headers' grammar has none), so the relay neither parses nor serialises it again.
   * Timers are kept the same way: firing one moves its line, trace context and all, as it is.
   */
  line(event: AnyEvent, trace: SpanContext): string {
    const h = traceHeaders(trace);
    return `${this.topicOf(event.type)}\n${this.keyOf(event)}\n${h[TraceHeaders.parent] ?? ''}\n${h[TraceHeaders.state] ?? ''}\n${eventJson(event)}`;
  }

  /** A line's message: the run header and the trace headers it was emitted with. */
  private messageOf(line: string, at: number[]): Message {
    const [a = 0, b = 0, c = 0, d = 0] = at;
    const headers: IHeaders = { [RUN_HEADER]: this.runEpoch };
    if (c > b + 1) headers[TraceHeaders.parent] = line.slice(b + 1, c);
    if (d > c + 1) headers[TraceHeaders.state] = line.slice(c + 1, d);
    return { key: line.slice(a + 1, b), value: line.slice(d + 1), headers };
  }

  /** Serialises a relay: the batch handler and the timer loop both call it. */
  relay(): Promise<number> {
    this.relaying = this.relaying.then(
      () => this.relayOnce(),
      () => this.relayOnce(),
    );
    return this.relaying;
  }

  private async relayOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const raw = await this.redis.lrange(this.outboxKey, 0, RELAY_BATCH - 1);
      if (raw.length === 0) return total;
      const byTopic = new Map<string, Message[]>();
      const at = [0, 0, 0, 0];
      for (const line of raw) {
        let ok = true;
        for (let i = 0, from = 0; i < 4; i++) {
          const nl = line.indexOf('\n', from);
          at[i] = nl;
          from = nl + 1;
          if (nl < 0) ok = false;
        }
        if (!ok) {
          // Not written by this outbox's code: kept, on the dead-letter topic, not retried.
          const reason = `not an outbox line (in ${this.outboxKey})`;
          await this.deadLetter(line, reason, '', 'not-an-outbox-line');
          continue;
        }
        const topic = line.slice(0, at[0]);
        let list = byTopic.get(topic);
        if (!list) byTopic.set(topic, (list = []));
        list.push(this.messageOf(line, at));
      }
      try {
        await this.producer.sendBatch({
          acks: -1,
          topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
        });
        const produced = this.observers?.metrics.eventsProduced;
        if (produced)
          for (const [topic, messages] of byTopic)
            produced.inc({ topic: topic.slice(this.topicPrefix.length) }, messages.length);
      } catch (err) {
        if (!isPoison(err)) throw err;
        await this.sendEachOrDeadLetter(byTopic);
      }
      // If this instance was taken for dead meanwhile, its outbox was adopted and the list
      // no longer starts where it was read: nothing is trimmed, and what the adopter sends
      // again is dropped downstream by id.
      const trimmed = await this.script('weftTrimSent')(this.outboxKey, raw[0], raw.length);
      if (trimmed === 0) return total;
      total += raw.length;
      // A short read took all there was: whoever appends next starts a relay of its own.
      if (raw.length < RELAY_BATCH) return total;
    }
  }

  /**
   * A batch the broker refused for one of its messages: each is sent alone, and those
   * refused for good are dead-lettered (capped to what the broker takes) with the reason.
   * Any other failure (the broker away) is thrown, and the relay retries the whole batch.
   */
  private async sendEachOrDeadLetter(byTopic: Map<string, Message[]>): Promise<void> {
    for (const [topic, messages] of byTopic)
      for (const m of messages) {
        try {
          await this.producer.send({ topic, acks: -1, messages: [m] });
          this.observers?.metrics.eventsProduced.inc({
            topic: topic.slice(this.topicPrefix.length),
          });
        } catch (err) {
          if (!isPoison(err)) throw err;
          await this.deadLetter(
            m.value as string,
            `the broker refused it for good (${protocolTypeOf(err)}): ${String((err as Error).message).slice(0, 200)}`,
            topic,
            'refused',
            m.headers,
          );
        }
      }
  }

  private async deadLetter(
    value: string,
    reason: string,
    sourceTopic: string,
    kind: DeadLetterClass,
    headers?: IHeaders,
  ): Promise<void> {
    this.poisoned++;
    await this.producer.send({
      topic: this.topicPrefix + Topics.DeadLetter,
      acks: -1,
      messages: [deadLetterMessage(value, { reason, sourceTopic, service: this.service }, headers)],
    });
    const topic = sourceTopic.slice(this.topicPrefix.length) || 'none';
    this.observers?.metrics.deadLettered.inc({ topic, reason: kind });
    this.observers?.metrics.eventsProduced.inc({ topic: Topics.DeadLetter });
    const orderId = peekOrderId(value);
    this.observers?.logger.warn(
      {
        ...(orderId && { orderId }),
        ...(headers && { traceId: readTraceContext(headers)?.traceId }),
        topic: sourceTopic,
        reason,
      },
      'outbox entry dead-lettered',
    );
  }

  /** Moves timers due by `simNowMs` into the outbox; says how many, and when the next is due. */
  async fireDue(simNowMs: number, limit = 5000): Promise<{ fired: number; nextAtMs: number }> {
    const [fired, next] = await this.script<[number, string]>('weftFireTimers')(
      this.timersKey,
      this.outboxKey,
      Math.floor(simNowMs),
      limit,
    );
    const nextAtMs = Number(next);
    return { fired, nextAtMs: nextAtMs < 0 ? Infinity : nextAtMs };
  }
}
