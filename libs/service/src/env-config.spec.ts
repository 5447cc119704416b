import { ConfigError, maskValue, parseEnv, serviceEnv, toServiceConfig } from './env-config';

describe('service environment', () => {
  it('fills defaults and nests the result', () => {
    const config = toServiceConfig('shops', parseEnv(serviceEnv(3002), {}), {
      hostname: 'dev',
      pid: 42,
    });
    expect(config).toEqual({
      service: 'shops',
      instanceId: 'shops-dev-42',
      kafka: {
        brokers: ['127.0.0.1:9092'],
        clientId: 'weft-shops-dev-42',
        groupId: 'weft-shops',
        partitions: 6,
        retentionMs: 24 * 3_600_000,
        topicPrefix: '',
      },
      redis: { url: 'redis://127.0.0.1:6379', keyPrefix: 'weft:' },
      runId: undefined,
      http: { host: '127.0.0.1', port: 3002 },
      log: { level: 'info' },
      faults: { applyDelayMs: 0 },
      traces: { otlpUrl: undefined },
    });
  });

  it('names each replica of a container apart: all run as pid 1, each under its own hostname', () => {
    const env = parseEnv(serviceEnv(3002), {});
    const replicas = ['3f2a9c1b7d04', '8e61d0a2c5f9'].map(
      (hostname) => toServiceConfig('shops', env, { hostname, pid: 1 }).instanceId,
    );
    expect(replicas).toEqual(['shops-3f2a9c1b7d04-1', 'shops-8e61d0a2c5f9-1']);
    const named = parseEnv(serviceEnv(3002), { WEFT_INSTANCE_ID: 'shops-7d9f8c6b5-x2x4q' });
    expect(toServiceConfig('shops', named, { hostname: 'h', pid: 1 }).instanceId).toBe(
      'shops-7d9f8c6b5-x2x4q',
    );
  });

  it('exports spans only where the standard OTLP variables point, the traces endpoint first', () => {
    const traces = (env: Record<string, string>) =>
      toServiceConfig('shops', parseEnv(serviceEnv(1), env)).traces.otlpUrl;
    expect(traces({})).toBeUndefined();
    expect(traces({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toBe(
      'http://collector:4318/v1/traces',
    );
    expect(
      traces({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/otlp',
      }),
    ).toBe('https://traces.example/otlp');
    expect(
      traces({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }),
    ).toBeUndefined();
    expect(() => traces({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT: expected an http:\/\/ or https:\/\/ URL/,
    );
  });

  it('gives a run its own topics, consumer groups and Redis keys', () => {
    const config = toServiceConfig('bidding', parseEnv(serviceEnv(1), { WEFT_RUN_ID: 'r42' }));
    expect(config.kafka).toMatchObject({ groupId: 'weft-r42-bidding', topicPrefix: 'r42.' });
    expect(config.redis.keyPrefix).toBe('weft:r42:');
  });

  it('splits a broker list and reads numbers', () => {
    const env = parseEnv(serviceEnv(1), {
      WEFT_KAFKA_BROKERS: 'k1:9092, k2:9093',
      WEFT_HTTP_PORT: '8080',
      WEFT_TOPIC_PARTITIONS: '12',
      WEFT_TOPIC_RETENTION_HOURS: '6',
    });
    expect(toServiceConfig('shops', env).kafka.retentionMs).toBe(6 * 3_600_000);
    expect(env.WEFT_KAFKA_BROKERS).toEqual(['k1:9092', 'k2:9093']);
    expect(env.WEFT_HTTP_PORT).toBe(8080);
    expect(env.WEFT_TOPIC_PARTITIONS).toBe(12);
  });

  it('names every wrong variable and what it expected, in one error', () => {
    let caught: unknown;
    try {
      parseEnv(serviceEnv(1), { WEFT_HTTP_PORT: '70000', WEFT_TOPIC_PARTITIONS: '-3' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toEqual([
      'WEFT_HTTP_PORT: expected an integer 0-65535, got "70000"',
      'WEFT_TOPIC_PARTITIONS: expected a positive integer, got "-3"',
    ]);
  });

  it('never shows a password, in a URL or a secret variable', () => {
    expect(maskValue('WEFT_REDIS_URL', 'redis://app:s3cret@redis:6379')).toBe(
      '"redis://[redacted]@redis:6379"',
    );
    expect(maskValue('WEFT_KAFKA_SASL_PASSWORD', 's3cret')).toBe('[redacted]');
  });
});
