/**
 * `weft stack` against real processes: a broker and a redis-server of its own, on ports of its
 * own, under a temporary WEFT_HOME, so it never meets the stack the jest global setup runs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStackConfig, stackDown, stackStatus, stackUp, type StackConfig } from '../src/stack';
import { portIsOpen } from '../src/stack/ports';
import { isAlive } from '../src/stack/processes';
import { redisAnswers } from '../src/stack/redis';
import { readStackState } from '../src/stack/stack-state';

const MACHINE_REDIS = { host: '127.0.0.1', port: 6379 };
const quiet = () => undefined;
const homes: string[] = [];
const configs: StackConfig[] = [];

/** A stack config under a fresh temporary home; the jar cache stays the shared one. */
async function isolatedConfig(ports: {
  kafka: number;
  controller: number;
  redisUrl: string;
}): Promise<StackConfig> {
  const home = await mkdtemp(join(tmpdir(), 'weft-stack-test-'));
  homes.push(home);
  const config = loadStackConfig({
    WEFT_HOME: home,
    WEFT_KAFKA_CACHE: process.env.WEFT_KAFKA_CACHE,
    WEFT_KAFKA_PORT: String(ports.kafka),
    WEFT_KAFKA_CONTROLLER_PORT: String(ports.controller),
    WEFT_KAFKA_HEAP: '256m',
    WEFT_REDIS_URL: ports.redisUrl,
  });
  configs.push(config);
  return config;
}

afterAll(async () => {
  // Whatever a failed assertion left running: `down` stops only what the state file says is ours.
  try {
    for (const config of configs) await stackDown(config, quiet);
  } finally {
    for (const home of homes) await rm(home, { recursive: true, force: true });
  }
});

describe('weft stack', () => {
  it('starts one broker for two ups at once, reuses it, and never stops the Redis it found running', async () => {
    expect(await redisAnswers(MACHINE_REDIS)).toBe(true);
    const config = await isolatedConfig({
      kafka: 19092,
      controller: 19093,
      redisUrl: 'redis://127.0.0.1:6379',
    });

    // Two ups at once (a run and a test suite started together): one starts the broker,
    // the other waits for it and reuses it.
    const ups = await Promise.all([stackUp(config, quiet), stackUp(config, quiet)]);
    const first = ups.find((u) => u.kafka.action === 'started');
    const second = ups.find((u) => u.kafka.action !== 'started');
    if (!first || !second)
      throw new Error(`expected one up to start the broker: ${JSON.stringify(ups)}`);

    expect(first.kafka).toMatchObject({ owner: 'ours', action: 'started' });
    const brokerPid = first.kafka.pid;
    if (brokerPid === undefined) throw new Error('up started a broker but reported no pid');
    expect(second.kafka).toMatchObject({
      owner: 'ours',
      action: 'already running',
      pid: brokerPid,
    });
    expect(second.redis).toMatchObject({ owner: 'external', action: 'reused external' });
    expect((await readStackState(config.home)).redis).toMatchObject({
      owner: 'external',
      address: '127.0.0.1:6379',
    });
    expect(await stackStatus(config)).toMatchObject({
      healthy: true,
      kafka: { owner: 'ours', pid: brokerPid, answering: true },
      redis: { owner: 'external', answering: true },
    });

    expect(await stackDown(config, quiet)).toEqual({ kafka: 'stopped', redis: 'left external' });
    expect(await isAlive(brokerPid)).toBe(false);
    expect(await portIsOpen('127.0.0.1', 19092)).toBe(false);
    expect(await redisAnswers(MACHINE_REDIS)).toBe(true);
    expect(await stackDown(config, quiet)).toEqual({ kafka: 'not running', redis: 'not running' });
  }, 60_000);

  it('starts, reuses and then stops a Redis of its own when none answers', async () => {
    const redisPort = 16390;
    expect(await portIsOpen('127.0.0.1', redisPort)).toBe(false);
    const config = await isolatedConfig({
      kafka: 19094,
      controller: 19095,
      redisUrl: `redis://127.0.0.1:${redisPort}`,
    });

    const first = await stackUp(config, quiet);
    const second = await stackUp(config, quiet);

    expect(first.redis).toMatchObject({ owner: 'ours', action: 'started' });
    const pids = [first.kafka.pid, first.redis.pid];
    const [brokerPid, redisPid] = pids;
    if (brokerPid === undefined || redisPid === undefined)
      throw new Error(`up reported pids ${String(pids)}`);
    expect(await redisAnswers({ host: '127.0.0.1', port: redisPort })).toBe(true);
    expect((await readStackState(config.home)).redis).toMatchObject({
      owner: 'ours',
      pid: redisPid,
    });
    expect(second.redis).toMatchObject({ action: 'already running', pid: redisPid });
    expect(second.kafka).toMatchObject({ action: 'already running', pid: brokerPid });

    expect(await stackDown(config, quiet)).toEqual({ kafka: 'stopped', redis: 'stopped' });
    expect(await isAlive(brokerPid)).toBe(false);
    expect(await isAlive(redisPid)).toBe(false);
    expect(await portIsOpen('127.0.0.1', redisPort)).toBe(false);
    expect(await portIsOpen('127.0.0.1', 19094)).toBe(false);
    expect(await stackStatus(config)).toMatchObject({
      healthy: false,
      kafka: { owner: 'not running', answering: false },
      redis: { owner: 'not running', answering: false },
    });
  }, 60_000);

  it('rejects a non-numeric Kafka port, naming the variable and the value', () => {
    expect(() => loadStackConfig({ WEFT_KAFKA_PORT: 'abc' })).toThrow(
      'WEFT_KAFKA_PORT: expected an integer 1-65535, got "abc"',
    );
    expect(() => loadStackConfig({}, { kafkaPort: '70000' })).toThrow(
      '--kafka-port: expected an integer 1-65535, got "70000"',
    );
  });
});
