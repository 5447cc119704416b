/** A Redis of our own under `<home>/redis`: launched with an append-only file there, probed with PING. */
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { portIsOpen } from './ports';
import { isAlive, spawnDetached, START_HEADER, tailOf, type ProcessIdentity } from './processes';
import type { StackConfig } from './stack-config';
import { StackError } from './stack-errors';
import { waitUntil } from './wait-until';

export interface RedisEndpoint {
  host: string;
  port: number;
  username?: string | undefined;
  password?: string | undefined;
}

export function redisLogFile(home: string): string {
  return join(home, 'logs', 'redis.log');
}

/**
 * Our redis-server: it rewrites its title to `redis-server <host>:<port>`, and `--dir` makes
 * it run from `<home>/redis`, which no other Redis on the machine does.
 */
export function redisIdentity(home: string, port: number): ProcessIdentity {
  return { cmdlineMarkers: ['redis-server', String(port)], cwd: redisDataDir(home) };
}

export function redisDataDir(home: string): string {
  return join(home, 'redis');
}

/** True when a Redis at the endpoint answers PING with PONG. */
export async function redisAnswers(endpoint: RedisEndpoint, timeoutMs = 1_000): Promise<boolean> {
  // Asked first because an ioredis client that never connected still holds the process
  // open for its `disconnectTimeout` after disconnect().
  if (!(await portIsOpen(endpoint.host, endpoint.port, timeoutMs))) return false;
  const client = new Redis({
    ...endpoint,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    disconnectTimeout: 200,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // Failures surface through connect()/ping(); without a listener ioredis would print them too.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** Redis binds IP addresses, not names. */
function bindAddress(host: string): string {
  return host === 'localhost' ? '127.0.0.1' : host;
}

/** Spawns redis-server on the configured host and port; resolves its pid. */
export async function launchRedis(config: StackConfig, redisServer: string): Promise<number> {
  const dataDir = redisDataDir(config.home);
  const logFile = redisLogFile(config.home);
  await mkdir(dataDir, { recursive: true });
  await mkdir(join(config.home, 'logs'), { recursive: true });
  await appendFile(
    logFile,
    `\n${START_HEADER} Redis on ${config.redis.host}:${config.redis.port} (${new Date().toISOString()})\n`,
  );
  const args = [
    '--bind',
    bindAddress(config.redis.host),
    '--port',
    String(config.redis.port),
    // Every write goes to an append-only file under the stack home (fsync'd each second),
    // so a restarted Redis comes back with the runs' state: outboxes, clocks, ledgers.
    // No RDB snapshots besides: the AOF alone is what a restart reads.
    '--save',
    '',
    '--appendonly',
    'yes',
    '--appendfsync',
    'everysec',
    '--daemonize',
    'no',
    '--dir',
    dataDir,
    '--logfile',
    logFile,
  ];
  if (config.redis.password !== undefined) args.push('--requirepass', config.redis.password);
  return spawnDetached({ command: redisServer, args, cwd: dataDir, logFile });
}

/** Waits until our freshly spawned Redis answers; fails at once, with its log, if it exits. */
export async function waitForRedis(
  config: StackConfig,
  pid: number,
  timeoutMs = 15_000,
): Promise<void> {
  const logFile = redisLogFile(config.home);
  const ready = await waitUntil(
    async () => {
      if (!(await isAlive(pid))) {
        throw new StackError(
          `redis-server (pid ${pid}) exited while starting; ${logFile} ends with:\n` +
            (await tailOf(logFile)),
          { retriable: false },
        );
      }
      return (await redisAnswers(config.redis, 500)) ? true : undefined;
    },
    { timeoutMs, intervalMs: 100 },
  );
  if (!ready) {
    throw new StackError(
      `redis-server (pid ${pid}) did not answer PING within ${timeoutMs / 1000} s; ` +
        `${logFile} ends with:\n${await tailOf(logFile)}`,
      { retriable: true },
    );
  }
}
