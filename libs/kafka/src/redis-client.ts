/** The ioredis client every service shares: one place for the URL, TLS, key prefix and retries. */
import Redis from 'ioredis';
import { maskUrlCredentials } from '@weft/telemetry';

export interface RedisClientConfig {
  /** redis://[user:password@]host:port, or rediss:// for TLS; the password goes in the URL. */
  url: string;
  /** Every key this client touches starts with it, so runs and tests never collide. */
  keyPrefix?: string;
  /** PEM text of the CA a rediss:// server's certificate is checked against (default: the system's). */
  tlsCa?: string;
}

export function createRedis(config: RedisClientConfig): Redis {
  if (config.tlsCa !== undefined && !config.url.startsWith('rediss://'))
    throw new Error(
      `a Redis CA was given for ${maskUrlCredentials(config.url)}: TLS needs a rediss:// URL`,
    );
  return new Redis(config.url, {
    keyPrefix: config.keyPrefix ?? '',
    // Fail a command after a few reconnect attempts rather than queueing it forever:
    // the caller decides whether a retry can help.
    maxRetriesPerRequest: 5,
    enableAutoPipelining: true,
    lazyConnect: false,
    // ioredis turns TLS on for rediss:// by itself; a CA of our own is added to it.
    ...(config.tlsCa === undefined ? {} : { tls: { ca: config.tlsCa } }),
  });
}

/** Redis could not be used: unreachable, or it refused this client's credentials. */
export class RedisUnavailableError extends Error {
  constructor(
    message: string,
    readonly retriable: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'RedisUnavailableError';
  }
}

/**
 * Checks that Redis answers and accepts the client's credentials, so that a missing or
 * wrong password is said at boot in words, with the URL (its password masked), rather
 * than as the first NOAUTH of some command later.
 */
export async function redisReady(redis: Redis, url: string): Promise<void> {
  const where = maskUrlCredentials(url);
  try {
    await redis.ping();
  } catch (err) {
    const reply = err instanceof Error ? err.message : String(err);
    if (/^NOAUTH/.test(reply))
      throw new RedisUnavailableError(
        `Redis at ${where} asks for a password and the URL gives none: ` +
          `put it in the URL (redis://:password@host:port or redis://user:password@host:port); ${reply}`,
        false,
        { cause: err },
      );
    if (/^WRONGPASS/.test(reply))
      throw new RedisUnavailableError(
        `Redis at ${where} refused the URL's user name or password; ${reply}`,
        false,
        { cause: err },
      );
    throw new RedisUnavailableError(`Redis at ${where} did not answer: ${reply}`, true, {
      cause: err,
    });
  }
}

/** Deletes every key under the client's prefix, and only those (SCAN, never FLUSH). */
export async function deleteKeysUnderPrefix(redis: Redis): Promise<number> {
  const prefix = redis.options.keyPrefix ?? '';
  if (prefix === '')
    throw new Error('deleteKeysUnderPrefix: refusing to delete without a key prefix');
  let deleted = 0;
  let cursor = '0';
  do {
    // SCAN sees raw key names, so it matches the prefix itself; DEL re-adds the prefix.
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) deleted += await redis.del(...keys.map((k) => k.slice(prefix.length)));
  } while (cursor !== '0');
  return deleted;
}
