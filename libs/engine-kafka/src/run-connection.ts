/** Where a run's Kafka and Redis are (a deployment attached to, or a stack brought up) and its clients on them. */
import { randomBytes } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type Redis from 'ioredis';
import { keyPrefixOf } from '@weft/contracts';
import { createKafka, createRedis, redisReady } from '@weft/kafka';
import { createLogger } from '@weft/telemetry';
import type { KafkaRunOptions, StackReady } from './run-options';

export interface RunConnection {
  startedAt: Date;
  /** The stack this run brought up (null when attached). */
  stack: StackReady | null;
  /** Unique to this run: its id when it starts its own services, and its clients' names. */
  tag: string;
  /** The run's id: its topics' and keys' prefix ('' for a deployment's unprefixed ones). */
  runId: string;
  brokers: string[];
  redisUrl: string;
  kafka: Kafka;
  /** Under the run's key prefix. */
  redis: Redis;
}

/** The deployment a run attaches to, or the stack it brings up. */
async function kafkaAndRedis(
  o: KafkaRunOptions,
): Promise<{ brokers: string[]; redisUrl: string; stack: StackReady | null }> {
  if (o.attach) return { brokers: o.attach.brokers, redisUrl: o.attach.redisUrl, stack: null };
  if (!o.stack)
    throw new Error(
      'a Kafka run needs options.stack (Kafka and Redis to bring up) or options.attach (a deployment to drive)',
    );
  const stack = await o.stack.up(o.log ?? (() => undefined));
  return { brokers: stack.brokers, redisUrl: stack.redisUrl, stack };
}

export async function connectRun(o: KafkaRunOptions): Promise<RunConnection> {
  const startedAt = new Date();
  const { brokers, redisUrl, stack } = await kafkaAndRedis(o);
  const tag = `r${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const runId = o.attach ? (o.attach.runId ?? '') : tag;
  // An attached deployment's brokers and Redis may ask for credentials and TLS; a local stack does not.
  const kafka = createKafka(
    { brokers, clientId: `weft-run-${tag}`, ...o.attach?.kafka },
    createLogger('weft-run', 'warn'),
  );
  const redis = createRedis({
    url: redisUrl,
    keyPrefix: keyPrefixOf(runId),
    tlsCa: o.attach?.redisTlsCa,
  });
  try {
    await redisReady(redis, redisUrl);
  } catch (err) {
    redis.disconnect();
    throw err;
  }
  return { startedAt, stack, tag, runId, brokers, redisUrl, kafka, redis };
}
