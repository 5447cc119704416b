/**
 * Environment validation: each service reads process.env once, through one zod schema,
 * into a typed nested object. A bad value stops the service with every wrong variable
 * named and what was expected.
 */
import { z } from 'zod';
import { keyPrefixOf } from '@weft/contracts';

export class ConfigError extends Error {
  readonly retriable = false;
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

const SECRET_NAME = /PASSWORD|SECRET|TOKEN|KEY/i;

/** Shows a rejected value without leaking a secret: credentials in URLs are masked. */
export function maskValue(name: string, value: unknown): string {
  if (value === undefined) return 'nothing';
  if (SECRET_NAME.test(name)) return '[redacted]';
  return JSON.stringify(String(value).replace(/\/\/([^@/]*)@/, '//[redacted]@'));
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

const logLevel = z
  .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'expected one of fatal, error, warn, info, debug, trace, silent',
  })
  .default('info');

/** The variables every service shares; a service adds its own with `.extend`. */
export const serviceEnv = (defaultHttpPort: number) =>
  z.object({
    WEFT_KAFKA_BROKERS: brokerList,
    WEFT_REDIS_URL: redisUrl,
    WEFT_HTTP_HOST: z.string().min(1).default('0.0.0.0'),
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
  });

export type ServiceEnv = z.output<ReturnType<typeof serviceEnv>>;

/** The nested, typed shape services work with. */
export interface ServiceConfig {
  service: string;
  instanceId: string;
  kafka: {
    brokers: string[];
    clientId: string;
    groupId: string;
    partitions: number;
    retentionMs: number;
    topicPrefix: string;
  };
  redis: { url: string; keyPrefix: string };
  /** A distributed run this service belongs to: its topics and keys carry the id. */
  runId: string | undefined;
  http: { host: string; port: number };
  log: { level: ServiceEnv['WEFT_LOG_LEVEL'] };
  /** Faults injected on purpose (0: none). */
  faults: { applyDelayMs: number };
}

export function toServiceConfig(service: string, env: ServiceEnv, pid: number): ServiceConfig {
  const instanceId = env.WEFT_INSTANCE_ID ?? `${service}-${pid}`;
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
    },
    redis: { url: env.WEFT_REDIS_URL, keyPrefix: keyPrefixOf(run) },
    http: { host: env.WEFT_HTTP_HOST, port: env.WEFT_HTTP_PORT },
    log: { level: env.WEFT_LOG_LEVEL },
    faults: { applyDelayMs: env.WEFT_FAULT_APPLY_DELAY_MS },
  };
}

/** The consumer group of a service in a run (one group per service; instances share it). */
export function groupIdOf(runId: string | undefined, service: string): string {
  return runId ? `weft-${runId}-${service}` : `weft-${service}`;
}
