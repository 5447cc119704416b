/**
 * The stack's own Redis keeps an append-only file under the stack home: killed without
 * warning and started again, it has every write it had made durable. A redis-server of the
 * test's own on port 16392 under a temporary home; no Kafka.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { eventually } from '../../tests/support/test-env';
import { portIsOpen } from '../src/stack/ports';
import { isAlive, stopProcess } from '../src/stack/processes';
import { launchRedis, redisDataDir, waitForRedis } from '../src/stack/redis';
import { locateRedisServer } from '../src/stack/redis-install';
import { stackHomes } from './support/isolated-stack';

const REDIS_PORT = 16392;
const homes = stackHomes();
const pids: number[] = [];

afterAll(async () => {
  for (const pid of pids) if (await isAlive(pid)) await stopProcess(pid);
  await homes.cleanUp();
});

/** Everything the append-only files under the data directory hold so far. */
async function appendOnlyText(dataDir: string): Promise<string> {
  const dir = join(dataDir, 'appendonlydir');
  try {
    const files = await readdir(dir);
    const texts = await Promise.all(files.map((f) => readFile(join(dir, f), 'latin1')));
    return texts.join('');
  } catch {
    return '';
  }
}

describe("the stack's own Redis", () => {
  it('comes back after SIGKILL with the writes it had appended', async () => {
    expect(await portIsOpen('127.0.0.1', REDIS_PORT)).toBe(false);
    const redisServer = await locateRedisServer();
    if (!redisServer) throw new Error('redis-server is not installed; `weft stack up` installs it');
    const { config } = await homes.make({
      kafkaPort: 19392,
      controllerPort: 19393,
      redisUrl: `redis://127.0.0.1:${REDIS_PORT}`,
    });

    const first = await launchRedis(config, redisServer);
    pids.push(first);
    await waitForRedis(config, first);
    let client = new Redis({ port: REDIS_PORT, lazyConnect: true });
    await client.connect();
    await client.set('weft:aof:order', 'placed');
    await client.hset('weft:aof:ledger', { escrowCents: '1250', paidCents: '300' });
    await client.incrby('weft:aof:clock', 42);
    client.disconnect();
    // Written to the file within a second (appendfsync everysec): wait for it there, then
    // kill without the goodbye a SIGTERM would give.
    await eventually(
      'the last write in the append-only file',
      async () =>
        (await appendOnlyText(redisDataDir(config.home))).includes('weft:aof:clock')
          ? true
          : undefined,
      10_000,
    );
    process.kill(first, 'SIGKILL');
    await eventually('redis-server to die', async () =>
      (await isAlive(first)) ? undefined : true,
    );

    const second = await launchRedis(config, redisServer);
    pids.push(second);
    await waitForRedis(config, second);
    client = new Redis({ port: REDIS_PORT, lazyConnect: true });
    await client.connect();
    try {
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      expect(await client.get('weft:aof:order')).toBe('placed');
      expect(await client.hgetall('weft:aof:ledger')).toEqual({
        escrowCents: '1250',
        paidCents: '300',
      });
      expect(await client.get('weft:aof:clock')).toBe('42');
    } finally {
      client.disconnect();
    }
  }, 60_000);
});
