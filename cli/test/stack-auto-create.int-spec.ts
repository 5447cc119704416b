/**
 * The local broker makes no topic by itself: a record for a topic nobody provisioned fails
 * instead of creating it. A single node of the test's own (ports 19292/19293, temporary home).
 */
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { runId } from '../../tests/support/test-env';
import { stackUp } from '../src/stack';
import { stackHomes } from './support/isolated-stack';

const homes = stackHomes();
const clients: { disconnect(): Promise<void> }[] = [];

afterAll(async () => {
  await Promise.all(clients.map((c) => c.disconnect().catch(() => undefined)));
  await homes.cleanUp();
});

describe('the local broker', () => {
  it('refuses a record for an unknown topic instead of creating the topic', async () => {
    const { config } = await homes.make({
      kafkaPort: 19292,
      controllerPort: 19293,
      redisUrl: 'redis://127.0.0.1:6379',
    });
    expect((await stackUp(config, () => undefined)).kafka.action).toBe('started');
    const kafka = new Kafka({
      clientId: 'weft-stack-auto-create-test',
      brokers: ['127.0.0.1:19292'],
      logLevel: logLevel.NOTHING,
      retry: { initialRetryTime: 100, retries: 2 },
    });
    const topic = runId('unprovisioned');
    // kafkajs asks the broker to create a topic it does not know (allowAutoTopicCreation is
    // its default): only the broker's own setting can say no.
    const producer = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: true,
    });
    clients.push(producer);
    await producer.connect();
    await expect(producer.send({ topic, acks: -1, messages: [{ value: 'lost' }] })).rejects.toThrow(
      /does not host this topic-partition|UNKNOWN_TOPIC_OR_PARTITION/i,
    );

    const admin = kafka.admin();
    clients.push(admin);
    await admin.connect();
    expect(await admin.listTopics()).not.toContain(topic);
  }, 180_000);
});
