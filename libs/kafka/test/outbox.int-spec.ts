/** The outbox against real Redis and Kafka: relay, timers that fire once, adoption of a dead instance's outbox. */
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { parseEvent, readDeadLetter, runHeaderOf, Topics } from '@weft/contracts';
import { createRedis, deleteKeysUnderPrefix, Outbox, OUTBOX_LEASE_MS } from '@weft/kafka';
import { ServiceMetrics, readTraceContext } from '@weft/telemetry';
import pino from 'pino';
import { eventually, runId, testStack } from '../../../tests/support/test-env';
import { placed } from './order-placed';

const EPOCH = 'outbox-test-epoch';
/** The context every event of these tests was emitted with. */
const TRACE = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: 1,
};
const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('Outbox (real Redis and Kafka)', () => {
  const run = runId('outbox');
  const prefix = `${run}.`;
  const redis = createRedis({ url: testStack().redisUrl, keyPrefix: `${run}:` });
  const kafka = new Kafka({
    clientId: 'weft-it-outbox',
    brokers: testStack().brokers,
    logLevel: logLevel.NOTHING,
  });
  let producer: Producer;

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [
        { topic: `${prefix}orders.placed`, numPartitions: 2 },
        { topic: prefix + Topics.DeadLetter, numPartitions: 1 },
      ],
      waitForLeaders: true,
    });
    await admin.disconnect();
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin
      .deleteTopics({ topics: [`${prefix}orders.placed`, prefix + Topics.DeadLetter] })
      .catch(() => undefined);
    await admin.disconnect();
    await deleteKeysUnderPrefix(redis);
    await redis.quit();
  });

  async function consumeAll(expected: number): Promise<string[]> {
    const consumer = kafka.consumer({ groupId: `${run}-${Math.random()}` });
    const ids: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [`${prefix}orders.placed`], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => void ids.push(parseEvent(message.value).id),
    });
    await eventually(`${expected} events on the topic`, () =>
      ids.length >= expected ? true : undefined,
    );
    await new Promise((r) => setTimeout(r, 500)); // and no more than that
    await consumer.disconnect();
    return ids;
  }

  it("fires each due timer once across instances, and adopts a dead instance's outbox but not a living one's", async () => {
    const a = new Outbox(redis, producer, 'svc', 'a', prefix, EPOCH);
    const b = new Outbox(redis, producer, 'svc', 'b', prefix, EPOCH);
    const c = new Outbox(redis, producer, 'svc', 'c', prefix, EPOCH);
    await Promise.all([a.keepAlive(), b.keepAlive(), c.keepAlive()]);

    // Timers are the service's: two instances polling at once fire each due one once.
    for (let n = 0; n < 10; n++) await redis.zadd(a.timersKey, n, a.line(placed(n), TRACE));
    const [fa, fb] = await Promise.all([a.fireDue(4), b.fireDue(4)]);
    const fired = [fa.fired, fb.fired];
    expect(fa.fired + fb.fired).toBe(5);
    expect(fa.nextAtMs).toBe(5); // what is left, and when it is due
    expect(fb.nextAtMs).toBe(5);

    // a dies with its timers' events unsent; c is alive with events of its own.
    await redis.rpush(c.outboxKey, c.line(placed(100), TRACE));
    await redis.del(`lease:svc:a`); // what OUTBOX_LEASE_MS of silence does
    const moved = await b.adoptOrphans();
    expect(moved).toBe(fired[0]);
    expect(await redis.llen(a.outboxKey)).toBe(0);
    expect(await redis.llen(c.outboxKey)).toBe(1); // a living instance keeps its own
    expect(await redis.sismember('outboxes:svc', 'a')).toBe(0);

    expect(await b.relay()).toBe(5);
    expect(await c.relay()).toBe(1);
    const ids = await consumeAll(6);
    expect([...ids].sort()).toEqual(
      ['o0:placed', 'o1:placed', 'o2:placed', 'o3:placed', 'o4:placed', 'o100:placed'].sort(),
    );
    expect(await redis.llen(b.outboxKey)).toBe(0);

    // A clean stop gives the lease up with an empty outbox: nothing is left to adopt.
    await c.release();
    expect(await redis.exists('lease:svc:c')).toBe(0);
    expect(OUTBOX_LEASE_MS).toBeGreaterThan(1000);
  });

  it('does not trim what it did not send when its outbox was adopted while it relayed', async () => {
    // The real producer, held back until the test lets go, so the adoption happens mid-send.
    let letGo: () => void = () => undefined;
    const held = new Promise<void>((r) => (letGo = r));
    const slowProducer = {
      sendBatch: async (batch: Parameters<Producer['sendBatch']>[0]) => {
        await held;
        return producer.sendBatch(batch);
      },
    } as unknown as Producer;
    const slow = new Outbox(redis, slowProducer, 'svc2', 'slow', prefix, EPOCH);
    const other = new Outbox(redis, producer, 'svc2', 'other', prefix, EPOCH);
    await Promise.all([slow.keepAlive(), other.keepAlive()]);
    await redis.rpush(slow.outboxKey, slow.line(placed(200), TRACE), slow.line(placed(201), TRACE));

    const relaying = slow.relay(); // reads the two events, then waits on the producer
    await eventually('the slow relay to be sending', async () =>
      (await redis.llen(slow.outboxKey)) === 2 ? true : undefined,
    );
    await new Promise((r) => setTimeout(r, 100));
    // Taken for dead meanwhile: its lease lapses and `other` adopts the two events...
    await redis.del('lease:svc2:slow');
    expect(await other.adoptOrphans()).toBe(2);
    // ...and, alive after all, it writes a new event before its send returns.
    await redis.rpush(slow.outboxKey, slow.line(placed(202), TRACE));
    letGo();
    await relaying;
    // The new event was not trimmed as if it had been sent.
    expect(await redis.lrange(slow.outboxKey, 0, -1)).toEqual([slow.line(placed(202), TRACE)]);
    expect(await other.relay()).toBe(2);
  });

  it('dead-letters an entry the broker refuses for good and sends the rest, instead of blocking the outbox', async () => {
    const metrics = new ServiceMetrics('svc3');
    const logger = pino({ level: 'silent' });
    const box = new Outbox(redis, producer, 'svc3', 'p', prefix, EPOCH, { metrics, logger });
    // Over the broker's message size limit (1 MB by default): refused whatever is retried.
    const huge = `${box.topicOf('OrderPlaced')}\nhuge\n${TRACEPARENT}\n\n${JSON.stringify({ pad: 'x'.repeat(1_200_000) })}`;
    await redis.rpush(
      box.outboxKey,
      box.line(placed(300), TRACE),
      huge,
      'not a line',
      box.line(placed(301), TRACE),
    );
    expect(await box.relay()).toBe(4);
    expect(await redis.llen(box.outboxKey)).toBe(0);
    expect(box.poisoned).toBe(2);

    const consumer = kafka.consumer({ groupId: `${run}-dlq` });
    const seen: {
      topic: string;
      id: string;
      run?: string;
      reason?: string;
      traceId?: string;
    }[] = [];
    await consumer.connect();
    await consumer.subscribe({
      topics: [`${prefix}orders.placed`, prefix + Topics.DeadLetter],
      fromBeginning: true,
    });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const dead = topic.endsWith(Topics.DeadLetter);
        const id = dead ? '' : parseEvent(message.value).id;
        if (!dead && !id.includes('30')) return;
        seen.push({
          topic,
          id,
          run: runHeaderOf(message.headers),
          reason: dead ? readDeadLetter(message.headers).reason : undefined,
          traceId: readTraceContext(message.headers)?.traceId,
        });
      },
    });
    await eventually('two events and two dead letters', () =>
      seen.length >= 4 ? true : undefined,
    );
    await consumer.disconnect();
    // A good event in the refused batch may have gone out before the batch was split: it
    // goes out again, with its id, and consumers drop the copy.
    const events = [...new Map(seen.filter((m) => !m.reason).map((m) => [m.id, m])).values()];
    const dead = seen.filter((m) => m.reason !== undefined);
    // The good ones went out, with the run's epoch and their trace context in headers.
    expect(events.map((m) => m.run)).toEqual([EPOCH, EPOCH]);
    expect(events.map((m) => m.traceId)).toEqual([TRACE.traceId, TRACE.traceId]);
    expect(dead.map((m) => m.reason).sort()).toEqual([
      expect.stringContaining('not an outbox line'),
      expect.stringContaining('MESSAGE_TOO_LARGE'),
    ]);
    // The refused event's dead letter stays in its trace; the stray line had none.
    const refused = dead.find((m) => m.reason?.includes('MESSAGE_TOO_LARGE'));
    expect(refused?.traceId).toBe(TRACE.traceId);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(
      /weft_events_produced_total\{topic="orders.placed",service="svc3"\} [2-9]/,
    );
    expect(text).toContain(
      'weft_events_dead_lettered_total{topic="orders.placed",reason="refused",service="svc3"} 1',
    );
    expect(text).toContain(
      'weft_events_dead_lettered_total{topic="none",reason="not-an-outbox-line",service="svc3"} 1',
    );
  });
});
