/**
 * Environment validation: each service reads process.env once, through one zod schema,
 * into a typed nested object. A bad value stops the service with every wrong variable
 * named and what was expected.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { z } from 'zod';
import { keyPrefixOf } from '@weft/contracts';
import { KAFKA_SASL_MECHANISMS, type KafkaSecurity, type KafkaTls } from '@weft/kafka';
import { maskUrlCredentials } from '@weft/telemetry';

export class ConfigError extends Error {
  readonly retriable = false;
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

const SECRET_NAME = /PASSWORD|SECRET|TOKEN|KEY/i;

/**
 * Shows a rejected value without leaking a secret: credentials in URLs are masked. A
 * `*_FILE` variable holds a path (WEFT_KAFKA_TLS_KEY_FILE), which is worth showing.
 */
export function maskValue(name: string, value: unknown): string {
  if (value === undefined) return 'nothing';
  if (SECRET_NAME.test(name) && !name.endsWith('_FILE')) return '[redacted]';
  return JSON.stringify(maskUrlCredentials(String(value)));
}

export function parseEnv<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.map(String).join('.') || '(environment)';
    const got = issue.path.length > 0 ? maskValue(name, env[name]) : '';
    return `${name}: ${issue.message}${got ? `, got ${got}` : ''}`;
  });
  throw new ConfigError(problems);
}

export const port = (fallback: number) =>
  z.coerce
    .number({ message: 'expected an integer 0-65535' })
    .int({ message: 'expected an integer 0-65535' })
    .min(0, { message: 'expected an integer 0-65535' })
    .max(65535, { message: 'expected an integer 0-65535' })
    .default(fallback);

export const positiveInt = (fallback: number) =>
  z.coerce
    .number({ message: 'expected a positive integer' })
    .int({ message: 'expected a positive integer' })
    .positive({ message: 'expected a positive integer' })
    .default(fallback);

const brokerList = z
  .string()
  .default('127.0.0.1:9092')
  .transform((s) => s.split(',').map((b) => b.trim()))
  .pipe(
    z.array(z.string().regex(/^[\w.-]+:\d{1,5}$/, { message: 'expected host:port[,host:port…]' })),
  );

const redisUrl = z
  .string()
  .default('redis://127.0.0.1:6379')
  .refine((s) => /^rediss?:\/\/[^\s]+$/.test(s), {
    message: 'expected a redis:// or rediss:// URL',
  });

/** An optional variable: unset and empty (`VAR=` in a compose file) both mean absent. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const flag = z
  .enum(['true', 'false', '1', '0'], { message: 'expected true or false' })
  .default('false')
  .transform((v) => v === 'true' || v === '1');

const saslMechanism = z
  .string()
  .transform((s) => s.toLowerCase())
  .pipe(
    z.enum(KAFKA_SASL_MECHANISMS, {
      message: `expected one of ${KAFKA_SASL_MECHANISMS.join(', ')}`,
    }),
  );

/** A PEM file, read once at boot, so that a wrong path stops the service by name. */
const pemFile = z.string().transform((path, ctx) => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    ctx.addIssue({ code: 'custom', message: `expected a readable PEM file (${code})` });
    return z.NEVER;
  }
  if (!text.includes('-----BEGIN ')) {
    ctx.addIssue({ code: 'custom', message: 'expected a PEM file (-----BEGIN …)' });
    return z.NEVER;
  }
  return text;
});

const httpUrl = z.string().refine((s) => /^https?:\/\/[^\s]+$/.test(s), {
  message: 'expected an http:// or https:// URL',
});

const logLevel = z
  .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'expected one of fatal, error, warn, info, debug, trace, silent',
  })
  .default('info');

/** The variables every service shares; a service adds its own with `.extend`. */
export const serviceEnv = (defaultHttpPort: number) =>
  z
    .object({
      WEFT_KAFKA_BROKERS: brokerList,
      WEFT_REDIS_URL: redisUrl,
      /** Loopback unless told otherwise: containers and pods set 0.0.0.0 themselves. */
      WEFT_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
      WEFT_HTTP_PORT: port(defaultHttpPort),
      WEFT_LOG_LEVEL: logLevel,
      WEFT_TOPIC_PARTITIONS: positiveInt(6),
      /** How long the topics a service creates keep their messages. */
      WEFT_TOPIC_RETENTION_HOURS: positiveInt(24),
      WEFT_INSTANCE_ID: z.string().min(1).optional(),
      WEFT_RUN_ID: z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
          message: 'expected lowercase letters, digits and dashes',
        })
        .optional(),
      /** Fault injection for tests and chaos runs: wall ms a role waits before each apply. */
      WEFT_FAULT_APPLY_DELAY_MS: z.coerce
        .number({ message: 'expected an integer 0-60000' })
        .int({ message: 'expected an integer 0-60000' })
        .min(0, { message: 'expected an integer 0-60000' })
        .max(60_000, { message: 'expected an integer 0-60000' })
        .default(0),
      WEFT_KAFKA_SASL_MECHANISM: optional(saslMechanism),
      WEFT_KAFKA_SASL_USERNAME: optional(z.string()),
      WEFT_KAFKA_SASL_PASSWORD: optional(z.string()),
      WEFT_KAFKA_TLS: flag,
      /** PEM files; unset CA: the system's trusted CAs. Cert and key: mutual TLS. */
      WEFT_KAFKA_TLS_CA_FILE: optional(pemFile),
      WEFT_KAFKA_TLS_CERT_FILE: optional(pemFile),
      WEFT_KAFKA_TLS_KEY_FILE: optional(pemFile),
      /** The CA of a rediss:// server whose certificate the system does not trust. */
      WEFT_REDIS_TLS_CA_FILE: optional(pemFile),
      /**
       * OpenTelemetry's standard variables: spans are exported over OTLP/HTTP only when an
       * endpoint is set (the traces endpoint as is, the general one with /v1/traces added).
       */
      OTEL_EXPORTER_OTLP_ENDPOINT: optional(httpUrl),
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optional(httpUrl),
      OTEL_SDK_DISABLED: flag,
    })
    .superRefine(refuseHalfSecurity);

/** Settings that only make sense together: one without the other is refused, not ignored. */
function refuseHalfSecurity(
  env: {
    WEFT_KAFKA_SASL_MECHANISM?: string;
    WEFT_KAFKA_SASL_USERNAME?: string;
    WEFT_KAFKA_SASL_PASSWORD?: string;
    WEFT_KAFKA_TLS: boolean;
    WEFT_KAFKA_TLS_CA_FILE?: string;
    WEFT_KAFKA_TLS_CERT_FILE?: string;
    WEFT_KAFKA_TLS_KEY_FILE?: string;
    WEFT_REDIS_URL: string;
    WEFT_REDIS_TLS_CA_FILE?: string;
  },
  ctx: z.RefinementCtx,
): void {
  const problem = (name: string, message: string) =>
    ctx.addIssue({ code: 'custom', path: [name], message });
  const sasl = ['WEFT_KAFKA_SASL_USERNAME', 'WEFT_KAFKA_SASL_PASSWORD'] as const;
  if (env.WEFT_KAFKA_SASL_MECHANISM) {
    for (const name of sasl)
      if (env[name] === undefined) problem(name, 'required when WEFT_KAFKA_SASL_MECHANISM is set');
  } else {
    const given = sasl.find((name) => env[name] !== undefined);
    if (given)
      problem(
        'WEFT_KAFKA_SASL_MECHANISM',
        `expected one of ${KAFKA_SASL_MECHANISMS.join(', ')} when ${given} is set`,
      );
  }
  const files = [
    'WEFT_KAFKA_TLS_CA_FILE',
    'WEFT_KAFKA_TLS_CERT_FILE',
    'WEFT_KAFKA_TLS_KEY_FILE',
  ] as const;
  const tlsFile = files.find((name) => env[name] !== undefined);
  if (tlsFile && !env.WEFT_KAFKA_TLS)
    problem('WEFT_KAFKA_TLS', `expected true when ${tlsFile} is set`);
  if ((env.WEFT_KAFKA_TLS_CERT_FILE === undefined) !== (env.WEFT_KAFKA_TLS_KEY_FILE === undefined))
    problem(
      env.WEFT_KAFKA_TLS_CERT_FILE === undefined
        ? 'WEFT_KAFKA_TLS_CERT_FILE'
        : 'WEFT_KAFKA_TLS_KEY_FILE',
      'a client certificate and its key are given together',
    );
  if (env.WEFT_REDIS_TLS_CA_FILE !== undefined && !env.WEFT_REDIS_URL.startsWith('rediss://'))
    problem('WEFT_REDIS_URL', 'expected a rediss:// URL when WEFT_REDIS_TLS_CA_FILE is set');
}

export type ServiceEnv = z.output<ReturnType<typeof serviceEnv>>;

/** The nested, typed shape services work with. */
export interface ServiceConfig {
  service: string;
  instanceId: string;
  kafka: KafkaSecurity & {
    brokers: string[];
    clientId: string;
    groupId: string;
    partitions: number;
    retentionMs: number;
    topicPrefix: string;
  };
  /** `tlsCa`: the PEM text of WEFT_REDIS_TLS_CA_FILE, for a rediss:// URL. */
  redis: { url: string; keyPrefix: string; tlsCa?: string };
  /** A distributed run this service belongs to: its topics and keys carry the id. */
  runId: string | undefined;
  http: { host: string; port: number };
  log: { level: ServiceEnv['WEFT_LOG_LEVEL'] };
  /** Faults injected on purpose (0: none). */
  faults: { applyDelayMs: number };
  /** Where spans are exported over OTLP/HTTP (undefined: nowhere; headers still carry trace context). */
  traces: { otlpUrl: string | undefined };
}

/** Where a process runs: the host (a container's own hostname) and its pid there. */
export interface ProcessIdentity {
  hostname: string;
  pid: number;
}

/**
 * Without WEFT_INSTANCE_ID, an instance is named by its host and pid: processes on one
 * machine differ by pid, and replicas of a container (`docker compose up --scale`) all run
 * as pid 1 but each under its own hostname, so no two share an outbox.
 */
export function toServiceConfig(
  service: string,
  env: ServiceEnv,
  proc: ProcessIdentity = { hostname: hostname(), pid: process.pid },
): ServiceConfig {
  const instanceId = env.WEFT_INSTANCE_ID ?? `${service}-${proc.hostname}-${proc.pid}`;
  const run = env.WEFT_RUN_ID;
  return {
    service,
    instanceId,
    runId: run,
    kafka: {
      brokers: env.WEFT_KAFKA_BROKERS,
      clientId: `weft-${instanceId}`,
      groupId: groupIdOf(run, service),
      partitions: env.WEFT_TOPIC_PARTITIONS,
      retentionMs: env.WEFT_TOPIC_RETENTION_HOURS * 3_600_000,
      topicPrefix: run ? `${run}.` : '',
      ...kafkaSecurityOf(env),
    },
    redis: { url: env.WEFT_REDIS_URL, keyPrefix: keyPrefixOf(run), ...redisTlsOf(env) },
    http: { host: env.WEFT_HTTP_HOST, port: env.WEFT_HTTP_PORT },
    log: { level: env.WEFT_LOG_LEVEL },
    faults: { applyDelayMs: env.WEFT_FAULT_APPLY_DELAY_MS },
    traces: { otlpUrl: otlpTracesUrl(env) },
  };
}

/** The OTLP/HTTP traces endpoint the environment names, the way OpenTelemetry's SDKs read it. */
function otlpTracesUrl(env: ServiceEnv): string | undefined {
  if (env.OTEL_SDK_DISABLED) return undefined;
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  return base && `${base.replace(/\/+$/, '')}/v1/traces`;
}

/** The consumer group of a service in a run (one group per service; instances share it). */
export function groupIdOf(runId: string | undefined, service: string): string {
  return runId ? `weft-${runId}-${service}` : `weft-${service}`;
}

/** SASL and TLS for Kafka clients, from variables already checked to belong together. */
export function kafkaSecurityOf(env: ServiceEnv): KafkaSecurity {
  const security: KafkaSecurity = {};
  const { WEFT_KAFKA_SASL_MECHANISM: mechanism } = env;
  if (mechanism)
    security.sasl = {
      mechanism,
      username: env.WEFT_KAFKA_SASL_USERNAME ?? '',
      password: env.WEFT_KAFKA_SASL_PASSWORD ?? '',
    };
  if (env.WEFT_KAFKA_TLS) {
    const tls: KafkaTls = {};
    if (env.WEFT_KAFKA_TLS_CA_FILE) tls.ca = env.WEFT_KAFKA_TLS_CA_FILE;
    if (env.WEFT_KAFKA_TLS_CERT_FILE) tls.cert = env.WEFT_KAFKA_TLS_CERT_FILE;
    if (env.WEFT_KAFKA_TLS_KEY_FILE) tls.key = env.WEFT_KAFKA_TLS_KEY_FILE;
    security.ssl = tls;
  }
  return security;
}

/** The CA a rediss:// client trusts, when one is given. */
export function redisTlsOf(env: ServiceEnv): { tlsCa?: string } {
  return env.WEFT_REDIS_TLS_CA_FILE ? { tlsCa: env.WEFT_REDIS_TLS_CA_FILE } : {};
}
