import { ConfigResourceTypes, Consumer, Kafka, logLevel, Partitioners } from 'kafkajs';
import { provisionTopics } from '@weft/kafka';
import { eventually, runId, testStack } from '../../../tests/support/test-env';

const PARTITIONS = 4;
const KEYS = 100;
const MESSAGES = 10_000;

interface Seen {
  key: string;
  seq: number;
  partition: number;
  offset: bigint;
}

describe('Kafka broker with kafkajs (real KRaft broker)', () => {
  const topic = runId('keyed');
  const groupId = runId('group');
  const kafka = new Kafka({
    clientId: 'weft-it',
    brokers: testStack().brokers,
    logLevel: logLevel.ERROR,
  });
  const consumers: Consumer[] = [];

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.disconnect()));
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] });
    await admin.disconnect();
  });

  it('creates a topic through the admin API with the partition count asked for', async () => {
    expect(await provisionTopics(kafka, [{ topic, partitions: PARTITIONS }])).toEqual([topic]);
    // A second call finds it and creates nothing.
    expect(await provisionTopics(kafka, [{ topic, partitions: PARTITIONS }])).toEqual([]);
    const admin = kafka.admin();
    await admin.connect();
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    await admin.disconnect();
    expect(topics[0]?.partitions).toHaveLength(PARTITIONS);
  });

  it('lets several processes provision the same topics at once: each succeeds, can subscribe at once, and the topics exist once', async () => {
    const raced = [runId('race-a'), runId('race-b')];
    const specs = raced.map((t) => ({ topic: t, partitions: 3, retentionMs: 7_200_000 }));
    const clients = [0, 1, 2, 3].map(
      (i) =>
        new Kafka({
          clientId: `weft-it-race-${i}`,
          brokers: testStack().brokers,
          logLevel: logLevel.NOTHING,
        }),
    );
    // Each one subscribes as soon as its provisioning returns: kafkajs fails a subscription
    // to a topic the broker's metadata does not show yet, so provisioning must wait for it.
    const created = await Promise.all(
      clients.map(async (k, i) => {
        const mine = await provisionTopics(k, specs);
        const consumer = k.consumer({ groupId: `${raced[0]}-g${i}` });
        await consumer.connect();
        try {
          await consumer.subscribe({ topics: raced });
        } finally {
          await consumer.disconnect();
        }
        return mine;
      }),
    );
    // None failed, and each topic is reported created by exactly one of them.
    expect(created.flat().sort()).toEqual([...raced].sort());
    const admin = kafka.admin();
    await admin.connect();
    const { topics } = await admin.fetchTopicMetadata({ topics: raced });
    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: raced.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
    });
    await admin.deleteTopics({ topics: raced });
    await admin.disconnect();
    expect(topics.map((t) => t.partitions.length)).toEqual([3, 3]);
    // The retention asked for is the topics' own setting.
    for (const r of configs.resources)
      expect(r.configEntries.find((e) => e.configName === 'retention.ms')?.configValue).toBe(
        '7200000',
      );
  });

  it('delivers 10,000 keyed messages to a two-member group, each once, in order per partition', async () => {
    const seen: Seen[] = [];
    const assigned = new Map<number, number[]>();
    for (let member = 0; member < 2; member++) {
      const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1000 });
      consumers.push(consumer);
      consumer.on(consumer.events.GROUP_JOIN, (e) => {
        assigned.set(member, e.payload.memberAssignment[topic] ?? []);
      });
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        eachBatch: async ({ batch }) => {
          for (const m of batch.messages) {
            const body = JSON.parse(m.value?.toString() ?? '{}') as { key: string; seq: number };
            seen.push({
              key: body.key,
              seq: body.seq,
              partition: batch.partition,
              offset: BigInt(m.offset),
            });
          }
        },
      });
    }
    // Produce only once both members hold a disjoint share of all partitions, so no
    // rebalance can hand a partition over mid-stream.
    await eventually('both members to share the partitions', () => {
      const all = [...assigned.values()].flat().sort();
      const split = assigned.size === 2 && [...assigned.values()].every((p) => p.length > 0);
      return split && all.join() === '0,1,2,3' ? true : undefined;
    });

    const producer = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: true,
    });
    await producer.connect();
    const nextSeq = new Array<number>(KEYS).fill(0);
    const BATCH = 1000;
    for (let start = 0; start < MESSAGES; start += BATCH) {
      const messages = Array.from({ length: BATCH }, (_, i) => {
        const k = (start + i) % KEYS;
        const key = `workshop-${k}`;
        const seq = nextSeq[k]++;
        return { key, value: JSON.stringify({ key, seq }) };
      });
      await producer.send({ topic, acks: -1, messages });
    }
    await producer.disconnect();

    await eventually(
      'all 10,000 messages to arrive',
      () => (seen.length >= MESSAGES ? true : undefined),
      60_000,
    );

    expect(seen).toHaveLength(MESSAGES);
    expect(new Set(seen.map((s) => `${s.key}/${s.seq}`)).size).toBe(MESSAGES);
    const keyPartition = new Map<string, number>();
    const lastSeq = new Map<string, number>();
    const lastOffset = new Map<number, bigint>();
    for (const s of seen) {
      // One key always lands in one partition …
      expect(keyPartition.get(s.key) ?? s.partition).toBe(s.partition);
      keyPartition.set(s.key, s.partition);
      // … and within a partition, offsets and each key's sequence only grow.
      expect(s.offset).toBeGreaterThan(lastOffset.get(s.partition) ?? -1n);
      lastOffset.set(s.partition, s.offset);
      expect(s.seq).toBe((lastSeq.get(s.key) ?? -1) + 1);
      lastSeq.set(s.key, s.seq);
    }
    expect(new Set(seen.map((s) => s.partition)).size).toBe(PARTITIONS);
  });
});
