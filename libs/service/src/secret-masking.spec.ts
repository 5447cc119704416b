import type Redis from 'ioredis';
import { logLevel } from 'kafkajs';
import { redisReady } from '@weft/kafka';
import { createLogger, kafkaLogCreator } from '@weft/telemetry';
import { ConfigError, parseEnv, serviceEnv, toServiceConfig } from './env-config';
import { startedLine } from './run-service';

const SECRET = 'hunter2-s3cret';

/** A logger whose lines are kept, to search for the secret in what would be written. */
function capturedLogger() {
  const lines: string[] = [];
  const logger = createLogger('masking', 'debug', { write: (line: string) => lines.push(line) });
  return { logger, output: () => lines.join('') };
}

describe('secrets never reach output', () => {
  it('redacts passwords, SASL settings, tokens and client keys in logged objects', () => {
    const { logger, output } = capturedLogger();
    logger.info(
      {
        password: SECRET,
        kafka: { sasl: { mechanism: 'scram-sha-512', username: 'weft', password: SECRET } },
        config: { kafka: { ssl: { key: SECRET } }, token: SECRET },
        env: { WEFT_KAFKA_SASL_PASSWORD: SECRET },
      },
      'settings',
    );
    expect(output()).toContain('"msg":"settings"');
    expect(output()).toContain('[redacted]');
    expect(output()).not.toContain(SECRET);
  });

  it('masks credentials of URLs in messages, fields and error stacks', () => {
    const { logger, output } = capturedLogger();
    const url = `redis://app:${SECRET}@redis:6379`;
    logger.error({ target: url, err: new Error(`cannot reach ${url}`) }, `lost ${url}`);
    logger.warn('retrying %s', `rediss://:${SECRET}@cache:6380/0`);
    expect(output()).toContain('redis://[redacted]@redis:6379');
    expect(output()).toContain('rediss://[redacted]@cache:6380/0');
    expect(output()).not.toContain(SECRET);
  });

  it("redacts kafkajs's own log lines passed through kafkaLogCreator", () => {
    const { logger, output } = capturedLogger();
    const log = kafkaLogCreator(logger)(logLevel.DEBUG);
    log({
      namespace: 'Connection',
      level: logLevel.ERROR,
      label: 'ERROR',
      log: {
        timestamp: 'now',
        logger: 'kafkajs',
        message: `SASL failed for kafka://weft:${SECRET}@broker:9096`,
        sasl: { mechanism: 'scram-sha-512', username: 'weft', password: SECRET },
        broker: 'broker:9096',
      },
    });
    expect(output()).toContain('"kafka":"Connection"');
    expect(output()).not.toContain(SECRET);
  });

  it('masks a secret variable and a URL password in the configuration error', () => {
    let caught: unknown;
    try {
      parseEnv(serviceEnv(1), {
        WEFT_KAFKA_SASL_PASSWORD: SECRET,
        WEFT_REDIS_URL: `http://app:${SECRET}@redis:6379`,
        WEFT_HTTP_PORT: 'x',
      });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const message = (caught as ConfigError).message;
    expect(message).toContain('WEFT_REDIS_URL: expected a redis:// or rediss:// URL');
    expect(message).toContain('http://[redacted]@redis:6379');
    expect(message).not.toContain(SECRET);
  });

  it("says how the service connects in the 'service started' line, without its passwords", () => {
    const config = toServiceConfig(
      'shops',
      parseEnv(serviceEnv(1), {
        WEFT_KAFKA_SASL_MECHANISM: 'scram-sha-512',
        WEFT_KAFKA_SASL_USERNAME: 'weft',
        WEFT_KAFKA_SASL_PASSWORD: SECRET,
        WEFT_KAFKA_TLS: 'true',
        WEFT_REDIS_URL: `rediss://app:${SECRET}@redis:6380`,
      }),
      { hostname: 'shops-host', pid: 1 },
    );
    const { logger, output } = capturedLogger();
    logger.info(startedLine(config), 'service started');
    expect(JSON.parse(output())).toMatchObject({
      kafkaAuth: 'scram-sha-512 as weft',
      kafkaTls: true,
      redis: 'rediss://[redacted]@redis:6380',
    });
    expect(output()).not.toContain(SECRET);
  });

  it('names the Redis URL without its password when Redis refuses the credentials', async () => {
    const refusing = {
      ping: () =>
        Promise.reject(new Error('WRONGPASS invalid username-password pair or user is disabled.')),
    } as unknown as Redis;
    const url = `redis://app:${SECRET}@redis:6379`;
    const err = await redisReady(refusing, url).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain('redis://[redacted]@redis:6379');
    expect((err as Error).message).toContain('WRONGPASS');
    expect((err as Error).message).not.toContain(SECRET);
    const { logger, output } = capturedLogger();
    logger.fatal({ err }, 'failed to start its run');
    expect(output()).not.toContain(SECRET);
  });
});
