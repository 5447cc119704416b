/**
 * `weft run --engine kafka --attach`: driving services that run already, as in a
 * docker compose or Kubernetes deployment, where the driver starts and stops nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ALL_TOPICS, SERVICE_NAMES, keyPrefixOf } from '@weft/contracts';
import { createRedis, deleteKeysUnderPrefix } from '@weft/kafka';
import {
  awaitHealthy,
  runKafka,
  startService,
  stopService,
  type ServiceProcess,
} from '@weft/engine-kafka';
import { smallDay } from './support/scenarios';
import { runId, testStack } from './support/test-env';

describe('weft run --engine kafka --attach', () => {
  jest.setTimeout(180_000);
  const run = runId('attach');
  const logs = mkdtempSync(join(tmpdir(), 'weft-attach-'));
  const processes: ServiceProcess[] = [];

  afterAll(async () => {
    await Promise.all(processes.map((p) => stopService(p)));
    const kafka = new Kafka({
      clientId: 'weft-it-attach',
      brokers: testStack().brokers,
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    await admin
      .deleteTopics({ topics: ALL_TOPICS.map((t) => `${run}.${t}`) })
      .catch(() => undefined);
    await admin.disconnect();
    const redis = createRedis({ url: testStack().redisUrl, keyPrefix: keyPrefixOf(run) });
    await deleteKeysUnderPrefix(redis);
    await redis.quit();
  });

  it('drives a deployment that runs already, leaves it running, and refuses a second run on the same state', async () => {
    const env = {
      WEFT_RUN_ID: run,
      WEFT_KAFKA_BROKERS: testStack().brokers.join(','),
      WEFT_REDIS_URL: testStack().redisUrl,
      WEFT_LOG_LEVEL: 'warn',
    };
    for (const service of SERVICE_NAMES) processes.push(await startService(service, 1, env, logs));
    await Promise.all(processes.map((p) => awaitHealthy(p)));

    const attach = { brokers: testStack().brokers, redisUrl: testStack().redisUrl, runId: run };
    const options = {
      pace: 'max' as const,
      instances: {},
      keep: false,
      partitions: 6,
      outDir: logs,
      attach,
    };
    const r = await runKafka(smallDay('attach', 60), options);
    expect(r.kafka?.drained).toBe(true);
    expect(r.kafka?.runId).toBe(run);
    expect(r.orders.placed).toBeGreaterThan(150);
    expect(r.orders.delivered + r.orders.cancelled + r.orders.open).toBe(r.orders.placed);
    expect(r.orders.open).toBe(0);
    expect(r.ledger.sum).toBe(0);
    expect(r.kafka?.instances).toMatchObject({ consumers: 1, shops: 1, bidding: 1, payments: 1 });
    // Nothing was stopped: the deployment is still up.
    expect(processes.map((p) => p.child.exitCode)).toEqual(processes.map(() => null));

    // The services keep the first run's state: a second run on it is refused, by name.
    await expect(runKafka(smallDay('attach', 60), options)).rejects.toThrow(
      new RegExp(`a run was already started in run ${run}`),
    );
  });
});
