/**
 * Runs share one stack: the first to finish does not stop it under the others, the last one
 * stops what runs started, and an explicit `weft stack up` keeps it past every run. A stack
 * of the test's own per test (Kafka 19492/19493 then 19592/19593, its own Redis on 16393
 * then 16394, a temporary home), so a failure in one leaves nothing in the other's way.
 */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { localStack } from '../src/run/local-stack';
import { stackDown, stackUp } from '../src/stack';
import { kafkaAnswers } from '../src/stack/kafka-broker';
import { portIsOpen } from '../src/stack/ports';
import { isAlive } from '../src/stack/processes';
import { redisAnswers } from '../src/stack/redis';
import { readStackState } from '../src/stack/stack-state';
import { stackHomes } from './support/isolated-stack';

const STACKS = [
  { kafkaPort: 19492, controllerPort: 19493, redisPort: 16393 },
  { kafkaPort: 19592, controllerPort: 19593, redisPort: 16394 },
] as const;
const quiet = () => undefined;
const homes = stackHomes();

afterAll(() => homes.cleanUp());

/** Stack `index` of STACKS under a fresh home, with where its Kafka and Redis answer. */
async function ownStack(index: 0 | 1) {
  const { kafkaPort, controllerPort, redisPort } = STACKS[index];
  const redis = { host: '127.0.0.1', port: redisPort };
  expect(await portIsOpen(redis.host, redis.port)).toBe(false);
  expect(await portIsOpen('127.0.0.1', kafkaPort)).toBe(false);
  const stack = await homes.make({
    kafkaPort,
    controllerPort,
    redisUrl: `redis://${redis.host}:${redis.port}`,
  });
  return { ...stack, kafka: `127.0.0.1:${kafkaPort}`, redis };
}

/** The pid of a process that has already exited: a run killed before it could let go. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolveExit) => child.once('exit', resolveExit));
  if (child.pid === undefined) throw new Error('no pid for the short-lived process');
  return child.pid;
}

describe('a stack shared by runs', () => {
  it('stays up until the last run lets go, then stops what the runs started', async () => {
    const { config, env, kafka, redis } = await ownStack(0);

    const first = await localStack(env).up(quiet);
    const second = await localStack(env).up(quiet);
    expect(first.brokers).toEqual([kafka]);
    const state = await readStackState(config.home);
    const pids = [state.kafka, state.redis].map((r) => (r?.owner === 'ours' ? r.pid : 0));
    expect(pids.every((pid) => pid > 0)).toBe(true);

    // A run that died without letting go holds nothing.
    await mkdir(join(config.home, 'users'), { recursive: true });
    await writeFile(
      join(config.home, 'users', 'dead-run.json'),
      JSON.stringify({ pid: await deadPid(), startTicks: '', since: new Date().toISOString() }),
    );

    await first.stop();
    expect(await kafkaAnswers(kafka)).toBe(true);
    expect(await redisAnswers(redis)).toBe(true);
    await expect(stackDown(config, quiet)).rejects.toThrow(/in use by 1 run\(s\) \(pid \d+/);
    expect(await kafkaAnswers(kafka)).toBe(true);

    await second.stop();
    for (const pid of pids) expect(await isAlive(pid)).toBe(false);
    expect(await portIsOpen('127.0.0.1', STACKS[0].kafkaPort)).toBe(false);
    expect(await portIsOpen(redis.host, redis.port)).toBe(false);
    expect(await readStackState(config.home)).toEqual({});
  }, 120_000);

  it('never stops a stack that `weft stack up` started, and `down` needs --force while a run holds it', async () => {
    const { config, env, kafka, redis } = await ownStack(1);
    const up = await stackUp(config, quiet);
    expect([up.kafka.action, up.redis.action]).toEqual(['started', 'started']);

    const run = await localStack(env).up(quiet);
    await run.stop();
    expect(await kafkaAnswers(kafka)).toBe(true);
    expect(await redisAnswers(redis)).toBe(true);

    const holding = await localStack(env).up(quiet);
    await expect(stackDown(config, quiet)).rejects.toThrow('weft stack down --force');
    expect(await stackDown(config, quiet, { force: true })).toEqual({
      kafka: 'stopped',
      redis: 'stopped',
    });
    expect(await kafkaAnswers(kafka)).toBe(false);
    // The run lets go of a stack already gone: nothing left to stop, nothing thrown.
    await holding.stop();
  }, 120_000);
});
