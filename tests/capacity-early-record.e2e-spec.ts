/**
 * The capacity service reads capacity.usage from boot, before a run config exists. A
 * malformed record that comes that early is dead-lettered all the same, with its reason
 * and its original bytes, and the service keeps running.
 */
import { Kafka, logLevel } from 'kafkajs';
import { Topics, readDeadLetter } from '@weft/contracts';
import { eventually, runId, testStack } from './support/test-env';
import { exitWithin, freePort, serviceEntry, startProcess } from './support/processes';

describe('capacity before its run', () => {
  const run = runId('early');
  const kafka = new Kafka({
    clientId: 'weft-it-early',
    brokers: testStack().brokers,
    logLevel: logLevel.NOTHING,
  });

  afterAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin
      .deleteTopics({ topics: [Topics.CapacityUsage, Topics.DeadLetter].map((t) => `${run}.${t}`) })
      .catch(() => undefined);
    await admin.disconnect();
  });

  it('dead-letters a malformed usage record that comes before the run config, and keeps running', async () => {
    const port = await freePort();
    const proc = startProcess(serviceEntry('capacity'), {
      WEFT_RUN_ID: run,
      WEFT_KAFKA_BROKERS: testStack().brokers.join(','),
      WEFT_REDIS_URL: testStack().redisUrl,
      WEFT_HTTP_PORT: String(port),
      WEFT_HTTP_HOST: '127.0.0.1',
      WEFT_LOG_LEVEL: 'warn',
    });
    const capacity = async () => {
      if (proc.child.exitCode !== null) throw new Error(`capacity exited:\n${proc.output()}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/capacity`);
        return res.ok
          ? ((await res.json()) as { started: boolean; rejectedRecords: number })
          : undefined;
      } catch {
        return undefined; // not listening yet
      }
    };
    // Listening means its topics were provisioned: its input and the dead-letter topic.
    expect(await eventually('capacity /capacity', capacity)).toMatchObject({ started: false });

    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: `${run}.${Topics.CapacityUsage}`,
      messages: [{ key: 'bad', value: '{"v":1,"kind":"usage","service":"shops"' }],
    });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `${run}-reader` });
    const dead: { value: string; reason: string }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [`${run}.${Topics.DeadLetter}`], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        dead.push({
          value: message.value?.toString() ?? '',
          reason: readDeadLetter(message.headers).reason,
        });
      },
    });
    try {
      await eventually('the record in the dead-letter topic', () =>
        dead.length > 0 ? dead : undefined,
      );
    } finally {
      await consumer.disconnect();
    }
    expect(dead).toHaveLength(1);
    expect(dead[0]?.value).toBe('{"v":1,"kind":"usage","service":"shops"');
    expect(dead[0]?.reason).toMatch(/JSON/i);
    expect(await capacity()).toMatchObject({ started: false, rejectedRecords: 1 });

    proc.child.kill('SIGTERM');
    await expect(exitWithin(proc, 5000)).resolves.toEqual({ code: 0, signal: null });
  });
});
