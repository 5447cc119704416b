import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaClientOptions } from '@weft/kafka';
import { createLogger } from '@weft/telemetry';
import { ConfigError, parseEnv, serviceEnv, toServiceConfig } from './env-config';

const PEM = (what: string) => `-----BEGIN ${what}-----\nMIIB\n-----END ${what}-----\n`;

/** The ConfigError's problems for an environment, or a failure when it was accepted. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    parseEnv(serviceEnv(1), env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error(`accepted ${Object.keys(env).join(', ')}`);
}

describe('Kafka and Redis security from the environment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-security-env-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const ca = file('ca.pem', PEM('CERTIFICATE'));
  const cert = file('client.pem', PEM('CERTIFICATE'));
  const key = file('client.key', PEM('PRIVATE KEY'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives every Kafka client SCRAM credentials and TLS with its CA and client certificate', () => {
    const config = toServiceConfig(
      'shops',
      parseEnv(serviceEnv(1), {
        WEFT_KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
        WEFT_KAFKA_SASL_USERNAME: 'weft',
        WEFT_KAFKA_SASL_PASSWORD: 'pa55',
        WEFT_KAFKA_TLS: 'true',
        WEFT_KAFKA_TLS_CA_FILE: ca,
        WEFT_KAFKA_TLS_CERT_FILE: cert,
        WEFT_KAFKA_TLS_KEY_FILE: key,
      }),
    );
    const options = kafkaClientOptions(config.kafka, createLogger('t', 'silent'));
    expect(options.sasl).toEqual({
      mechanism: 'scram-sha-512',
      username: 'weft',
      password: 'pa55',
    });
    expect(options.ssl).toEqual({
      ca: PEM('CERTIFICATE'),
      cert: PEM('CERTIFICATE'),
      key: PEM('PRIVATE KEY'),
    });
  });

  it('accepts scram-sha-256 and plain, and TLS on the system CAs alone', () => {
    for (const mechanism of ['scram-sha-256', 'plain'] as const) {
      const env = parseEnv(serviceEnv(1), {
        WEFT_KAFKA_SASL_MECHANISM: mechanism,
        WEFT_KAFKA_SASL_USERNAME: 'u',
        WEFT_KAFKA_SASL_PASSWORD: 'p',
        WEFT_KAFKA_TLS: 'true',
      });
      const options = kafkaClientOptions(
        toServiceConfig('s', env).kafka,
        createLogger('t', 'silent'),
      );
      expect(options.sasl?.mechanism).toBe(mechanism);
      expect(options.ssl).toBe(true);
    }
  });

  it('leaves a client on PLAINTEXT when nothing is set, as before', () => {
    const options = kafkaClientOptions(
      toServiceConfig('s', parseEnv(serviceEnv(1), {})).kafka,
      createLogger('t', 'silent'),
    );
    expect(options.sasl).toBeUndefined();
    expect(options.ssl).toBeUndefined();
  });

  it('refuses a mechanism without its user name and password, naming both', () => {
    expect(problemsOf({ WEFT_KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toEqual([
      'WEFT_KAFKA_SASL_USERNAME: required when WEFT_KAFKA_SASL_MECHANISM is set, got nothing',
      'WEFT_KAFKA_SASL_PASSWORD: required when WEFT_KAFKA_SASL_MECHANISM is set, got nothing',
    ]);
  });

  it('refuses credentials without a mechanism, and a mechanism it does not know', () => {
    expect(problemsOf({ WEFT_KAFKA_SASL_USERNAME: 'u', WEFT_KAFKA_SASL_PASSWORD: 'p' })).toEqual([
      'WEFT_KAFKA_SASL_MECHANISM: expected one of scram-sha-512, scram-sha-256, plain when WEFT_KAFKA_SASL_USERNAME is set, got nothing',
    ]);
    expect(problemsOf({ WEFT_KAFKA_SASL_MECHANISM: 'gssapi' })).toEqual([
      'WEFT_KAFKA_SASL_MECHANISM: expected one of scram-sha-512, scram-sha-256, plain, got "gssapi"',
    ]);
  });

  it('refuses an unreadable CA file or one that is not PEM, naming the variable and the path', () => {
    const missing = join(dir, 'no-such-ca.pem');
    expect(problemsOf({ WEFT_KAFKA_TLS: 'true', WEFT_KAFKA_TLS_CA_FILE: missing })).toEqual([
      `WEFT_KAFKA_TLS_CA_FILE: expected a readable PEM file (ENOENT), got ${JSON.stringify(missing)}`,
    ]);
    const notPem = file('not.pem', 'hello');
    expect(problemsOf({ WEFT_REDIS_TLS_CA_FILE: notPem })).toEqual([
      `WEFT_REDIS_TLS_CA_FILE: expected a PEM file (-----BEGIN …), got ${JSON.stringify(notPem)}`,
    ]);
  });

  it('refuses TLS files without WEFT_KAFKA_TLS=true, and a certificate without its key', () => {
    expect(problemsOf({ WEFT_KAFKA_TLS_CA_FILE: ca })).toEqual([
      'WEFT_KAFKA_TLS: expected true when WEFT_KAFKA_TLS_CA_FILE is set, got nothing',
    ]);
    expect(problemsOf({ WEFT_KAFKA_TLS: 'true', WEFT_KAFKA_TLS_CERT_FILE: cert })).toEqual([
      'WEFT_KAFKA_TLS_KEY_FILE: a client certificate and its key are given together, got nothing',
    ]);
    expect(problemsOf({ WEFT_KAFKA_TLS: 'yes' })).toEqual([
      'WEFT_KAFKA_TLS: expected true or false, got "yes"',
    ]);
  });

  it('gives Redis its CA only with a rediss:// URL', () => {
    const env = parseEnv(serviceEnv(1), {
      WEFT_REDIS_URL: 'rediss://:pw@redis:6380',
      WEFT_REDIS_TLS_CA_FILE: ca,
    });
    expect(toServiceConfig('s', env).redis.tlsCa).toBe(PEM('CERTIFICATE'));
    expect(
      problemsOf({ WEFT_REDIS_URL: 'redis://:pw@redis:6379', WEFT_REDIS_TLS_CA_FILE: ca }),
    ).toEqual([
      'WEFT_REDIS_URL: expected a rediss:// URL when WEFT_REDIS_TLS_CA_FILE is set, got "redis://[redacted]@redis:6379"',
    ]);
  });

  it('treats an empty variable as unset, as a compose file writes an absent one', () => {
    const env = parseEnv(serviceEnv(1), {
      WEFT_KAFKA_SASL_MECHANISM: '',
      WEFT_KAFKA_SASL_PASSWORD: '',
      WEFT_KAFKA_TLS_CA_FILE: '',
    });
    expect(toServiceConfig('s', env).kafka.sasl).toBeUndefined();
  });
});
