/**
 * `weft stack up --brokers 3`: a three-node KRaft cluster of the test's own (ports 19192-19197,
 * a temporary home; the machine's Redis used as it is), whose topics keep three copies and
 * lose no acknowledged record when a node is killed mid-stream.
 */
import { Kafka, logLevel, Partitioners, type Consumer, type Producer } from 'kafkajs';
import { provisionTopics } from '@weft/kafka';
import { eventually, runId } from '../../tests/support/test-env';
import { localStack } from '../src/run/local-stack';
import {
  kafkaAddresses,
  killKafkaNode,
  restartKafkaNode,
  stackDown,
  stackStatus,
  stackUp,
} from '../src/stack';
import { portIsOpen } from '../src/stack/ports';
import { isAlive } from '../src/stack/processes';
import { stackHomes } from './support/isolated-stack';

const quiet = () => undefined;
const homes = stackHomes();
const clients: { disconnect(): Promise<void> }[] = [];

afterAll(async () => {
  await Promise.all(clients.map((c) => c.disconnect().catch(() => undefined)));
  await homes.cleanUp();
});

describe('weft stack up --brokers 3', () => {
  it('runs three nodes whose topics keep every acknowledged record through a node killed with SIGKILL', async () => {
    const { config, env } = await homes.make({
      kafkaPort: 19192,
      controllerPort: 19193,
      redisUrl: 'redis://127.0.0.1:6379',
      nodes: 3,
    });
    const ports = config.kafka.nodes.flatMap((n) => [n.port, n.controllerPort]);
    expect(ports).toEqual([19192, 19193, 19194, 19195, 19196, 19197]);
    for (const port of ports) expect(await portIsOpen('127.0.0.1', port)).toBe(false);

    const up = await stackUp(config, quiet);
    expect(up.kafka).toMatchObject({
      owner: 'ours',
      action: 'started',
      address: '127.0.0.1:19192,127.0.0.1:19194,127.0.0.1:19196',
    });
    const pids = up.kafka.pids ?? [];
    expect(pids).toHaveLength(3);
    const status = await stackStatus(config);
    expect(status.healthy).toBe(true);
    expect(status.kafka.nodes?.map((n) => [n.id, n.answering])).toEqual([
      [1, true],
      [2, true],
      [3, true],
    ]);

    // A run that asks for one broker takes the cluster as it is, and leaves it running.
    const run = await localStack({ ...env, WEFT_KAFKA_NODES: '1' }).up(quiet);
    expect(run.brokers).toEqual(kafkaAddresses(config));
    await run.stop();
    expect((await stackStatus(config)).healthy).toBe(true);

    // The client's warnings are kept (the last few) to say why, should a reader stall.
    const warnings: string[] = [];
    const kafka = new Kafka({
      clientId: 'weft-stack-cluster-test',
      brokers: kafkaAddresses(config),
      logLevel: logLevel.WARN,
      logCreator:
        () =>
        ({ namespace, log }) => {
          warnings.push(`${namespace}: ${log.message}`);
          if (warnings.length > 20) warnings.shift();
        },
      // A killed leader stays in the metadata until the controller fences it (about 9 s).
      retry: { initialRetryTime: 300, retries: 12, maxRetryTime: 5_000 },
    });
    const topic = runId('cluster');
    // Not asserted on what it reports created: a fresh cluster may answer the first try with
    // an error after making the topic, and the retry then finds it there.
    await provisionTopics(kafka, [{ topic, partitions: 3 }]);

    const admin = kafka.admin();
    clients.push(admin);
    await admin.connect();
    // Each node learns of a new topic on its own time: the node this admin asks may not host
    // it yet, a moment after the node provisionTopics asked had it with its leaders.
    const meta = await eventually(
      `every node to know of ${topic}`,
      async () => {
        try {
          return (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0];
        } catch {
          return undefined;
        }
      },
      30_000,
      200,
    );
    expect(meta?.partitions.map((p) => p.replicas.length)).toEqual([3, 3, 3]);
    const described = await admin.describeConfigs({
      resources: [{ type: 2 /* TOPIC */, name: topic, configNames: ['min.insync.replicas'] }],
      includeSynonyms: false,
    });
    expect(described.resources[0]?.configEntries[0]).toMatchObject({
      configName: 'min.insync.replicas',
      configValue: '2',
    });

    // A reader is a consumer group reading the topic from the beginning. The first joins
    // (and the offsets topic is made, with its three copies) while all three nodes are up,
    // and reads on through the failure.
    const received = new Set<string>();
    const crashes: string[] = [];
    const reader = async (groupId: string, onJoin?: () => void) => {
      // A short session lets the group move to a new coordinator soon after a node dies.
      const consumer: Consumer = kafka.consumer({
        groupId,
        sessionTimeout: 10_000,
        heartbeatInterval: 1_000,
      });
      clients.push(consumer);
      consumer.on(consumer.events.GROUP_JOIN, () => onJoin?.());
      consumer.on(consumer.events.CRASH, ({ payload }) =>
        crashes.push(`${groupId}: ${payload.error.message} (restart: ${payload.restart})`),
      );
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          received.add(message.value?.toString() ?? '');
        },
      });
      return consumer;
    };
    let joined = false;
    const consumer = await reader(`${topic}-group`, () => (joined = true));
    await eventually('the consumer to join its group', () => (joined ? true : undefined), 60_000);

    const producer: Producer = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: true,
    });
    clients.push(producer);
    await producer.connect();
    const sent: string[] = [];
    const produceBatch = async (batch: number) => {
      const values = Array.from({ length: 50 }, (_, i) => `m-${batch}-${i}`);
      await producer.send({
        topic,
        acks: -1,
        messages: values.map((value, i) => ({ key: `k-${i % 7}`, value })),
      });
      sent.push(...values); // acknowledged by every in-sync replica
    };

    for (let batch = 0; batch < 10; batch++) await produceBatch(batch);
    const killedPid = await killKafkaNode(config, 0);
    expect(killedPid).toBe(pids[0]);
    expect(await isAlive(killedPid)).toBe(false);
    for (let batch = 10; batch < 30; batch++) await produceBatch(batch);

    // Readers that join after the failure, on whichever node now coordinates: the records
    // must be there for them too. The client's own recovery after a node dies can stall a
    // group for long on a loaded machine, so while records are missing a fresh group
    // joins every 40 s; what is asserted is the cluster's: every acknowledged record is
    // read.
    const missing = () => sent.filter((v) => !received.has(v));
    const deadline = Date.now() + 150_000;
    for (let late = 0; missing().length > 0 && Date.now() < deadline; late++) {
      await reader(`${topic}-late${late}`);
      const until = Math.min(deadline, Date.now() + 40_000);
      while (missing().length > 0 && Date.now() < until)
        await new Promise((r) => setTimeout(r, 200));
    }
    if (missing().length > 0)
      throw new Error(
        `${missing().length} of ${sent.length} acknowledged records were not read in 150 s; ` +
          `crashes: ${crashes.join('; ') || 'none'}; last client warnings: ${warnings.join(' | ')}`,
      );
    expect(sent).toHaveLength(1_500);
    expect(missing()).toEqual([]);
    const degraded = await stackStatus(config);
    expect(degraded.kafka.nodes?.map((n) => n.answering)).toEqual([false, true, true]);
    expect(degraded.healthy).toBe(false);

    const restartedPid = await restartKafkaNode(config, 0, quiet);
    expect(restartedPid).not.toBe(killedPid);
    expect((await stackStatus(config)).healthy).toBe(true);

    await Promise.all([producer.disconnect(), consumer.disconnect(), admin.disconnect()]);
    expect(await stackDown(config, quiet)).toEqual({ kafka: 'stopped', redis: 'left external' });
    for (const pid of [restartedPid, ...pids.slice(1)]) expect(await isAlive(pid)).toBe(false);
    for (const port of ports) expect(await portIsOpen('127.0.0.1', port)).toBe(false);
  }, 300_000);
});
