import type Redis from 'ioredis';
import { createRedis, redisReady, RedisUnavailableError } from '@weft/kafka';
import { startSecureRedis, type SecureRedis } from '../../../tests/support/secure-redis';

describe('Redis with a password and TLS (a redis-server of its own)', () => {
  let server: SecureRedis;
  const clients: Redis[] = [];
  /** A client as every service makes one; closed after the test. */
  const client = (url: string, tlsCa?: string) => {
    const redis = createRedis({ url, keyPrefix: 'weft-it-secure:', tlsCa });
    redis.on('error', () => undefined);
    clients.push(redis);
    return redis;
  };
  const failureOf = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (err: unknown) => err,
    );

  beforeAll(async () => {
    server = await startSecureRedis();
  }, 30_000);

  afterEach(async () => {
    // Waits for each connection to close, so none outlives the test.
    const closing = clients.splice(0).map((c) =>
      c.status === 'end'
        ? undefined
        : new Promise((resolve) => {
            c.once('end', resolve);
            c.disconnect();
          }),
    );
    await Promise.all(closing);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('refuses a client without the password, saying so and naming the URL', async () => {
    const url = `redis://127.0.0.1:${server.port}`;
    const err = await failureOf(redisReady(client(url), url));
    expect(err).toBeInstanceOf(RedisUnavailableError);
    expect((err as RedisUnavailableError).retriable).toBe(false);
    expect((err as Error).message).toMatch(
      new RegExp(`^Redis at redis://127\\.0\\.0\\.1:${server.port} asks for a password`),
    );
  });

  it('refuses a wrong password without showing it', async () => {
    const url = `redis://:wrong-${server.password}@127.0.0.1:${server.port}`;
    const err = await failureOf(redisReady(client(url), url));
    expect(err).toBeInstanceOf(RedisUnavailableError);
    expect((err as Error).message).toContain('refused the URL');
    expect((err as Error).message).not.toContain(server.password);
  });

  it('works with the password in the URL, for the default user and a named one', async () => {
    for (const url of [
      `redis://:${server.password}@127.0.0.1:${server.port}`,
      `redis://${server.user.username}:${server.user.password}@127.0.0.1:${server.port}`,
    ]) {
      const redis = client(url);
      await redisReady(redis, url);
      await redis.set('greeting', url.slice(0, 12));
      expect(await redis.get('greeting')).toBe(url.slice(0, 12));
    }
  });

  it('works over rediss:// with the server certificate checked against the given CA', async () => {
    const url = `rediss://:${server.password}@127.0.0.1:${server.tlsPort}`;
    const redis = client(url, server.caPem);
    await redisReady(redis, url);
    expect(await redis.ping()).toBe('PONG');
  });

  it('does not trust a rediss:// server whose certificate it cannot verify', async () => {
    const redis = createRedis({ url: `rediss://:${server.password}@127.0.0.1:${server.tlsPort}` });
    // Stopped at its first failure: a client left reconnecting outlives the test.
    const err = await new Promise<Error>((resolve) =>
      redis.once('error', (e: Error) => {
        redis.once('end', () => resolve(e));
        redis.disconnect();
      }),
    );
    expect(err.message).toMatch(/self-signed certificate/);
  });
});
