import { createRedis, deleteKeysUnderPrefix } from '@weft/kafka';
import { runId, testStack } from '../../../tests/support/test-env';

describe('Redis client (real redis-server)', () => {
  const prefix = `${runId('redis')}:`;
  const redis = createRedis({ url: testStack().redisUrl, keyPrefix: prefix });
  const raw = createRedis({ url: testStack().redisUrl });

  afterAll(async () => {
    await deleteKeysUnderPrefix(redis);
    await Promise.all([redis.quit(), raw.quit()]);
  });

  it('keeps every key under the run prefix', async () => {
    await redis.set('order:1', 'placed');
    expect(await raw.get(`${prefix}order:1`)).toBe('placed');
    expect(await raw.exists('order:1')).toBe(0);
  });

  it('applies a marker once with SET NX, the basis of idempotent handling', async () => {
    const first = await redis.set('seen:evt-1', '1', 'PX', 60_000, 'NX');
    const again = await redis.set('seen:evt-1', '1', 'PX', 60_000, 'NX');
    expect(first).toBe('OK');
    expect(again).toBeNull();
  });

  it('runs a pipeline of 1,000 commands in one round trip and keeps their order', async () => {
    const pipeline = redis.pipeline();
    for (let i = 0; i < 1000; i++) pipeline.rpush('queue', String(i));
    const results = await pipeline.exec();
    expect(results).toHaveLength(1000);
    expect(results?.every(([err]) => err === null)).toBe(true);
    const list = await redis.lrange('queue', 0, -1);
    expect(list.map(Number)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('runs a Lua script atomically with prefixed keys', async () => {
    redis.defineCommand('moveCents', {
      numberOfKeys: 2,
      lua: `local v = tonumber(ARGV[1])
            redis.call('INCRBY', KEYS[1], -v)
            return redis.call('INCRBY', KEYS[2], v)`,
    });
    const move = (
      redis as unknown as { moveCents: (a: string, b: string, v: number) => Promise<number> }
    ).moveCents;
    await move.call(redis, 'acct:consumer', 'acct:escrow', 1999);
    expect(await redis.get('acct:consumer')).toBe('-1999');
    expect(await redis.get('acct:escrow')).toBe('1999');
  });

  it('deletes only keys under its own prefix', async () => {
    const neighbour = `${runId('neighbour')}`;
    await raw.set(neighbour, 'keep');
    const deleted = await deleteKeysUnderPrefix(redis);
    expect(deleted).toBeGreaterThanOrEqual(3);
    expect(await raw.get(neighbour)).toBe('keep');
    expect(await raw.keys(`${prefix}*`)).toEqual([]);
    await raw.del(neighbour);
  });
});
