/**
 * The end-of-run audit against a real broker and Redis: a small run's events on a prefixed
 * set of topics, and its state under a key prefix of its own, honest or broken.
 */
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import type Redis from 'ioredis';
import {
  EventRoutes,
  RUN_HEADER,
  RunKeys,
  ServiceInputs,
  eventJson,
  keyPrefixOf,
} from '@weft/contracts';
import type { AnyEvent, WeftEvent } from '@weft/domain';
import { auditKafkaRun } from '@weft/engine-kafka';
import { createRedis, deleteKeysUnderPrefix } from '@weft/kafka';
import { scenarioFile } from '../../../tests/support/scenarios';
import { runId, testStack } from '../../../tests/support/test-env';
import { smallRun } from './ledger-events';

const EPOCH = 'audit-test-epoch';

describe('auditKafkaRun (real Kafka and Redis)', () => {
  const run = runId('audit');
  const topicPrefix = `${run}.`;
  const topics = ServiceInputs.payments.map((t) => topicPrefix + t);
  const scenario = scenarioFile('default');
  const kafka = new Kafka({
    clientId: 'weft-it-audit',
    brokers: testStack().brokers,
    logLevel: logLevel.NOTHING,
  });
  let producer: Producer;
  let redis: Redis;

  const message = (e: AnyEvent) => ({
    key: (EventRoutes[e.type].key as (e: WeftEvent) => string)(e),
    value: eventJson(e),
    headers: { [RUN_HEADER]: EPOCH },
  });

  /** The honest state of the small run, as its services would leave it. */
  async function writeHonestState(): Promise<void> {
    await deleteKeysUnderPrefix(redis);
    await redis.set(RunKeys.config, '{}');
    await redis.set(RunKeys.epoch, EPOCH);
    await redis.hset(RunKeys.ledger, smallRun.balances);
    await redis.set(RunKeys.escrow('o3'), JSON.stringify({ cents: 2_500, consumerId: 3 }));
    await redis.set(RunKeys.shopOrder('o3'), JSON.stringify({ shopId: 1 }));
  }

  const audit = () =>
    auditKafkaRun(scenario, {
      kafka,
      redis,
      runId: run,
      topicPrefix,
      epoch: EPOCH,
      drained: true,
      counters: smallRun.counters,
    });
  const failed = async () =>
    (await audit()).checks.filter((c) => !c.ok).map((c) => [c.name, c.expected, c.found]);

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: topics.map((topic) => ({ topic, numPartitions: 3 })),
      waitForLeaders: true,
    });
    await admin.disconnect();
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    for (const e of smallRun.events)
      await producer.send({
        topic: topicPrefix + EventRoutes[e.type].topic,
        messages: [message(e)],
      });
    // Payments dead-letters what it cannot read; the replay passes over it too.
    await producer.send({
      topic: topics[0] ?? '',
      messages: [{ value: 'not json', headers: { [RUN_HEADER]: EPOCH } }],
    });
    // Another run's placement of a new order, on this run's topic: payments refused it.
    const forged = smallRun.events.find((e) => e.type === 'OrderPlaced');
    if (forged)
      await producer.send({
        topic: topicPrefix + EventRoutes[forged.type].topic,
        messages: [
          {
            ...message({ ...forged, id: 'o999:placed', orderId: 'o999' }),
            headers: { [RUN_HEADER]: 'other' },
          },
        ],
      });
    redis = createRedis({ url: testStack().redisUrl, keyPrefix: keyPrefixOf(run) });
  });

  beforeEach(() => writeHonestState());

  afterAll(async () => {
    await producer.disconnect();
    await deleteKeysUnderPrefix(redis);
    await redis.quit();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  });

  it('passes a state that agrees with the distinct events on the broker and the orders', async () => {
    const result = await audit();

    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.checks.find((c) => c.name === 'ledger.platform')).toMatchObject({
      expected: 500,
      found: 500,
    });
  });

  it('catches a payment applied twice', async () => {
    await redis.hincrby(RunKeys.ledger, 'consumers', -2_500);
    await redis.hincrby(RunKeys.ledger, 'escrow', 2_500);

    expect(await failed()).toEqual([
      ['ledger.consumers', -12_500, -15_000],
      ['ledger.escrow', 2_500, 5_000],
      ['ledger.escrowHeld', 5_000, 2_500],
    ]);
  });

  it("catches a wiped ledger and an open order missing from the orders' records", async () => {
    await redis.del(RunKeys.ledger, RunKeys.escrow('o3'));

    expect(await failed()).toEqual([
      ['ledger.consumers', -12_500, 0],
      ['ledger.escrow', 2_500, 0],
      ['ledger.shops', 3_500, 0],
      ['ledger.workshops', 6_000, 0],
      ['ledger.platform', 500, 0],
      ['orders.open', 1, 0],
      ['orders.shopsWithoutEscrow', 0, 1],
    ]);
  });
});
