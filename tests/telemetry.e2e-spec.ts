/**
 * Metrics and traces of a Kafka run: every service's /metrics shows weft_* counters moving
 * during the run, in exposition format Prometheus itself accepts, and one order's events
 * share one trace across the services that produce them.
 *
 * Needs `promtool` (Debian: `apt-get install -y prometheus`): prom-client's own parser
 * reads what prom-client writes, so only Prometheus's checker is worth asking.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import {
  ALL_TOPICS,
  RunKeys,
  SERVICE_NAMES,
  Topics,
  keyPrefixOf,
  parseEnvelope,
  type TopicName,
} from '@weft/contracts';
import { createRedis, deleteKeysUnderPrefix } from '@weft/kafka';
import {
  awaitHealthy,
  runKafka,
  startService,
  stopService,
  type ServiceProcess,
} from '@weft/engine-kafka';
import { orderTraceId, readTraceContext } from '@weft/telemetry';
import { smallDay } from './support/scenarios';
import { eventually, runId, testStack } from './support/test-env';

function promtoolOrFail(): void {
  const probe = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0)
    throw new Error(
      "promtool not found: this suite checks /metrics with Prometheus's own checker; install it with `apt-get install -y prometheus`",
    );
}

/** The weft_* families of an exposition text: their HELP, TYPE and sample lines. */
const weftFamilies = (text: string) =>
  text
    .split('\n')
    .filter((l) => /^(# (HELP|TYPE) )?weft_/.test(l))
    .join('\n') + '\n';

/** The sum of a counter family's samples. */
function total(text: string, family: string): number {
  let sum = 0;
  for (const line of text.split('\n'))
    if (line.startsWith(`${family}{`) || line.startsWith(`${family} `))
      sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  return sum;
}

async function scrape(p: ServiceProcess): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${p.port}/metrics`);
  if (!res.ok) throw new Error(`${p.service} /metrics: HTTP ${res.status}`);
  return res.text();
}

/**
 * Who produces what an order goes through first, one topic per role service, and a timer's
 * topic (a round's window closing, set by the shop when it opened the round).
 */
const ORDER_TOPICS: Partial<Record<TopicName, string>> = {
  [Topics.OrdersPlaced]: 'consumers',
  [Topics.PaymentsEscrow]: 'payments',
  [Topics.ShopsAccepted]: 'shops',
  [Topics.ShopsRfqWindows]: 'shops',
  [Topics.BiddingInvitations]: 'bidding',
};

describe('metrics and traces of a Kafka run', () => {
  jest.setTimeout(180_000);
  const run = runId('telemetry');
  const logs = mkdtempSync(join(tmpdir(), 'weft-telemetry-'));
  const processes: ServiceProcess[] = [];
  const kafka = new Kafka({
    clientId: 'weft-it-telemetry',
    brokers: testStack().brokers,
    logLevel: logLevel.NOTHING,
  });
  const redis = createRedis({ url: testStack().redisUrl, keyPrefix: keyPrefixOf(run) });

  beforeAll(promtoolOrFail);

  afterAll(async () => {
    await Promise.all(processes.map((p) => stopService(p)));
    const admin = kafka.admin();
    await admin.connect();
    await admin
      .deleteTopics({ topics: ALL_TOPICS.map((t) => `${run}.${t}`) })
      .catch(() => undefined);
    await admin.disconnect();
    await deleteKeysUnderPrefix(redis);
    await redis.quit();
  });

  it('shows weft counters moving in every service, in valid exposition format, and one trace per order', async () => {
    const env = {
      WEFT_RUN_ID: run,
      WEFT_KAFKA_BROKERS: testStack().brokers.join(','),
      WEFT_REDIS_URL: testStack().redisUrl,
      WEFT_LOG_LEVEL: 'warn',
    };
    for (const service of SERVICE_NAMES) processes.push(await startService(service, 1, env, logs));
    await Promise.all(processes.map((p) => awaitHealthy(p)));

    const attach = { brokers: testStack().brokers, redisUrl: testStack().redisUrl, runId: run };
    const running = runKafka(smallDay('telemetry', 40), {
      pace: 'max',
      instances: {},
      keep: false,
      partitions: 6,
      outDir: logs,
      attach,
    });
    const counted = (text: string) =>
      total(text, 'weft_events_consumed_total') + total(text, 'weft_events_produced_total');
    // During the run, every service is scraped again and again (twice at least) until each
    // has shown its counters moving between two scrapes.
    let finished = false;
    void running.then(
      () => (finished = true),
      () => (finished = true),
    );
    const first = await Promise.all(processes.map(scrape));
    let last = first;
    const moved = new Set<string>();
    while (moved.size < processes.length && !finished) {
      await new Promise((r) => setTimeout(r, 300));
      const next = await Promise.all(processes.map(scrape));
      processes.forEach((p, i) => {
        if (counted(next[i] ?? '') > counted(last[i] ?? '')) moved.add(p.service);
      });
      last = next;
    }
    const report = await running;
    expect(report.kafka?.drained).toBe(true);
    // The wholesalers serve the traditional chain only: on the platform they sit idle.
    expect([...moved].sort()).toEqual(SERVICE_NAMES.filter((s) => s !== 'wholesalers').sort());
    const second = last;

    processes.forEach((p, i) => {
      for (const text of [first[i] ?? '', second[i] ?? '']) {
        const check = spawnSync('promtool', ['check', 'metrics'], {
          input: weftFamilies(text),
          encoding: 'utf8',
        });
        expect({ service: p.service, promtool: `${check.stdout}${check.stderr}`.trim() }).toEqual({
          service: p.service,
          promtool: '',
        });
        expect(check.status).toBe(0);
      }
    });
    const roles = processes.filter((p) => p.service !== 'capacity' && p.service !== 'monitor');
    for (const p of roles) {
      const text = second[processes.indexOf(p)] ?? '';
      expect(text).toContain('weft_handler_batch_duration_seconds_bucket');
      expect(text).toMatch(/^weft_outbox_depth\{service="\w+"\} \d+$/m);
      expect(text).toMatch(/^weft_timers\{state="due",service="\w+"\} \d+$/m);
    }
    expect(second.join('\n')).toMatch(/^weft_shop_orders_open\{state="tendering"/m);
    expect(second.join('\n')).toMatch(/^weft_escrow_orders\{service="payments"\}/m);

    // One order, one trace: its events on each role's topics carry the same trace id.
    const epoch = await redis.get(RunKeys.epoch);
    const traces = new Map<string, Map<string, Set<string>>>();
    const consumer = kafka.consumer({ groupId: `${run}-traces` });
    await consumer.connect();
    await consumer.subscribe({
      topics: Object.keys(ORDER_TOPICS).map((t) => `${run}.${t}`),
      fromBeginning: true,
    });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const { orderId } = parseEnvelope(message.value);
        const producer = ORDER_TOPICS[topic.slice(run.length + 1) as TopicName] ?? topic;
        const traceId = readTraceContext(message.headers)?.traceId ?? 'none';
        let byTrace = traces.get(orderId);
        if (!byTrace) traces.set(orderId, (byTrace = new Map()));
        let producers = byTrace.get(traceId);
        if (!producers) byTrace.set(traceId, (producers = new Set()));
        producers.add(producer);
      },
    });
    // Every order is placed, escrowed and accepted: three services each, once all is read.
    const servicesOf = (byTrace: Map<string, Set<string>>) =>
      new Set([...byTrace.values()].flatMap((s) => [...s])).size;
    const orders = await eventually('every order seen on three services', () => {
      const seen = [...traces].filter(([id]) => id !== '');
      return seen.length === report.orders.placed &&
        seen.every(([, byTrace]) => servicesOf(byTrace) >= 3)
        ? seen
        : undefined;
    });
    await consumer.disconnect();
    for (const [orderId, byTrace] of orders)
      expect({ orderId, traces: [...byTrace.keys()] }).toEqual({
        orderId,
        traces: [orderTraceId(epoch ?? '', orderId)],
      });
  });
});
