/**
 * The transactional outbox. Events a batch emits are written to Redis in the same MULTI
 * as the state they come from; only then are they produced to Kafka, and only after
 * Kafka acknowledged them are they trimmed. A crash anywhere re-produces at worst (the
 * same ids: consumers drop the duplicates), never loses.
 */
import type Redis from 'ioredis';
import type { Producer } from 'kafkajs';
import { EventRoutes, serializeEvent } from '@weft/contracts';
import type { AnyEvent, EventType, WeftEvent } from '@weft/domain';

/** Moves due timers to an outbox atomically, so each fires exactly once across instances. */
const FIRE_TIMERS_LUA = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
if #due > 0 then
  redis.call('ZREM', KEYS[1], unpack(due))
  redis.call('RPUSH', KEYS[2], unpack(due))
end
return #due`;

const RELAY_BATCH = 2000;

export class Outbox {
  private relaying: Promise<number> = Promise.resolve(0);

  constructor(
    private readonly redis: Redis,
    private readonly producer: Producer,
    readonly outboxKey: string,
    readonly timersKey: string,
    private readonly topicPrefix: string,
  ) {
    redis.defineCommand('weftFireTimers', { numberOfKeys: 2, lua: FIRE_TIMERS_LUA });
  }

  topicOf(type: EventType): string {
    return this.topicPrefix + EventRoutes[type].topic;
  }

  keyOf(event: AnyEvent): string {
    return (EventRoutes[event.type].key as (e: WeftEvent) => string)(event);
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
      const byTopic = new Map<string, { key: string; value: Buffer }[]>();
      for (const line of raw) {
        const event = JSON.parse(line) as AnyEvent;
        const topic = this.topicOf(event.type);
        let list = byTopic.get(topic);
        if (!list) byTopic.set(topic, (list = []));
        list.push({ key: this.keyOf(event), value: serializeEvent(event) });
      }
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
      await this.redis.ltrim(this.outboxKey, raw.length, -1);
      total += raw.length;
    }
  }

  /** Moves timers due by `simNowMs` into the outbox; returns how many. */
  async fireDue(simNowMs: number, limit = 5000): Promise<number> {
    const fire = (this.redis as unknown as Record<string, (...a: unknown[]) => Promise<number>>)
      .weftFireTimers;
    if (!fire) throw new Error('outbox: timer script not defined');
    return fire.call(this.redis, this.timersKey, this.outboxKey, Math.floor(simNowMs), limit);
  }
}
