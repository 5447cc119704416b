/**
 * The role runner against real Redis and Kafka, under the faults that used to corrupt a
 * run quietly: an instance paused past its session timeout writing after its successor,
 * another run's events, a Redis that lost the run.
 */
import type Redis from 'ioredis';
import type { ChainableCommander } from 'ioredis';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import pino from 'pino';
import { eventJson, RUN_HEADER, RunKeys, Topics } from '@weft/contracts';
import type { AnyEvent, Reactor } from '@weft/domain';
import {
  createRedis,
  deleteKeysUnderPrefix,
  RoleRunner,
  type RoleStore,
  type RunConfig,
} from '@weft/kafka';
import { smallScenario } from '../../../tests/support/scenarios';
import { eventually, runId, testStack } from '../../../tests/support/test-env';
import { placed } from './order-placed';

/** A role that counts each order it is handed: a double apply shows as a 2. */
class CountingStore implements RoleStore {
  readonly role: Reactor = { name: 'counting', handles: ['OrderPlaced'], react: () => undefined };
  persist(multi: ChainableCommander, events: readonly AnyEvent[]): void {
    for (const e of events) multi.hincrby('counts', e.orderId ?? e.id, 1);
  }
  load(): Promise<void> {
    return Promise.resolve();
  }
}

const quiet = pino({ level: 'silent' });

describe('RoleRunner under faults (real Redis and Kafka)', () => {
  const run = runId('faults');
  const prefix = `${run}.`;
  /** Each test's runners read their own run (topic prefix) so they never see another test's events. */
  const groups = ['pause', 'foreign', 'lost'];
  const topicOf = (group: string) => `${prefix}${group}.orders.placed`;
  const redis = createRedis({ url: testStack().redisUrl, keyPrefix: `${run}:` });
  const kafka = new Kafka({
    clientId: 'weft-it-faults',
    brokers: testStack().brokers,
    logLevel: logLevel.NOTHING,
  });
  const config: RunConfig = {
    epoch: 'faults-epoch',
    scenario: smallScenario(),
    clock: { grainMs: 1000, lookaheadMs: 55_000, paceHoursPerSecond: null },
  };
  let producer: Producer;
  const runners: RoleRunner[] = [];

  const runner = (
    group: string,
    instanceId: string,
    extra: { applyDelayMs?: number; onFatal?: (err: Error) => void } = {},
  ) => {
    const r = new RoleRunner(
      kafka,
      redis,
      new CountingStore(),
      config,
      {
        service: group,
        instanceId,
        groupId: `${run}-${group}`,
        topics: ['orders.placed'],
        topicPrefix: `${prefix}${group}.`,
        seenTtlMs: 3_600_000,
        sessionTimeoutMs: 6_000,
        ...extra,
      },
      quiet,
    );
    runners.push(r);
    return r;
  };

  const send = (group: string, events: AnyEvent[], header: string | null = config.epoch) =>
    producer.send({
      topic: topicOf(group),
      acks: -1,
      messages: events.map((e) => ({
        key: e.orderId ?? e.id,
        value: eventJson(e),
        headers: header === null ? undefined : { [RUN_HEADER]: header },
      })),
    });

  const counts = (r: Redis) => r.hgetall('counts');

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: groups.flatMap((g) => [
        { topic: topicOf(g), numPartitions: 2 },
        { topic: `${prefix}${g}.${Topics.DeadLetter}`, numPartitions: 1 },
        { topic: `${prefix}${g}.${Topics.CapacityUsage}`, numPartitions: 1 },
      ]),
      waitForLeaders: true,
    });
    await admin.disconnect();
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await redis.set(RunKeys.epoch, config.epoch);
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop().catch(() => undefined)));
    await redis.del('counts');
    await redis.set(RunKeys.epoch, config.epoch);
  });

  afterAll(async () => {
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin
      .deleteTopics({
        topics: groups.flatMap((g) => [
          topicOf(g),
          `${prefix}${g}.${Topics.DeadLetter}`,
          `${prefix}${g}.${Topics.CapacityUsage}`,
        ]),
      })
      .catch(() => undefined);
    await admin.disconnect();
    await deleteKeysUnderPrefix(redis);
    await redis.quit();
  });

  it('refuses the writes of an instance paused past its session timeout: its successor applied them, once', async () => {
    // `a` takes the batch, then stalls 10 s in it without a heartbeat (a GC stall, SIGSTOP);
    // the group gives its partitions to `b`, which applies the same events.
    const a = runner('pause', 'a', { applyDelayMs: 10_000 });
    await a.start();
    const events = [1, 2, 3, 4, 5, 6].map((n) => placed(1000 + n));
    await send('pause', events);
    await new Promise((r) => setTimeout(r, 1500)); // a is inside its apply now
    const b = runner('pause', 'b');
    await b.start();
    await eventually(
      'b to apply every event',
      async () => (Object.keys(await counts(redis)).length === 6 ? true : undefined),
      40_000,
    );
    // a wakes up, past its eviction, and tries to commit what b already applied.
    await eventually(
      'a to wake and try to commit',
      () => (a.fenced + a.applied > 0 ? true : undefined),
      30_000,
    );
    const final = await counts(redis);
    expect(Object.values(final)).toEqual(['1', '1', '1', '1', '1', '1']);
    expect(a.fenced).toBeGreaterThan(0);
    expect(a.applied).toBe(0);
  }, 90_000);

  it("dead-letters another run's events and unlabelled ones without letting their ids hide this run's", async () => {
    const r = runner('foreign', 'f');
    await r.start();
    const e = placed(2001);
    await send('foreign', [e], 'another-run');
    await send('foreign', [e], null);
    await eventually('both dead-lettered', () => (r.deadLettered === 2 ? true : undefined));
    expect(await counts(redis)).toEqual({});
    // The same id, from this run: applied (the foreign copies left no dedupe marker).
    await send('foreign', [e]);
    await eventually('applied', async () =>
      (await counts(redis))[e.orderId ?? ''] === '1' ? true : undefined,
    );
  }, 60_000);

  it('stops loudly when Redis loses the run, and writes nothing after', async () => {
    let fatal: Error | null = null;
    const r = runner('lost', 'l', { onFatal: (err) => (fatal = err) });
    await r.start();
    await send('lost', [placed(3001)]);
    await eventually('the first event applied', async () =>
      (await counts(redis))['o3001'] === '1' ? true : undefined,
    );
    await redis.del(RunKeys.epoch); // what a flush or a restart without persistence leaves
    await send('lost', [placed(3002)]);
    await eventually('the runner to give up', () => fatal ?? undefined);
    expect(String(fatal)).toContain('Redis lost this run');
    expect(await counts(redis)).toEqual({ o3001: '1' });
  }, 60_000);
});
