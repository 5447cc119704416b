/** The ioredis client every service shares: one place for the URL, key prefix and retries. */
import Redis from 'ioredis';

export interface RedisClientConfig {
  url: string;
  /** Every key this client touches starts with it, so runs and tests never collide. */
  keyPrefix?: string;
}

export function createRedis(config: RedisClientConfig): Redis {
  return new Redis(config.url, {
    keyPrefix: config.keyPrefix ?? '',
    // Fail a command after a few reconnect attempts rather than queueing it forever:
    // the caller decides whether a retry can help.
    maxRetriesPerRequest: 5,
    enableAutoPipelining: true,
    lazyConnect: false,
  });
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
