/** Configuration of the local stack: read once from the environment (and `stack up` flags), validated with zod. */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { StackError } from './stack-errors';

export const KAFKA_VERSION = '4.1.2';

/** One KRaft node of the local cluster: broker and controller in one JVM. */
export interface KafkaNode {
  /** Kafka's node.id, 1-based. */
  id: number;
  port: number;
  controllerPort: number;
}

export interface StackConfig {
  /** Data, logs and the state file `stack.json`. */
  home: string;
  kafka: {
    /** Jar cache shared by every clone (fetched once with mvn). */
    cacheDir: string;
    host: string;
    /** Node 1's listeners; node n listens 2(n-1) ports above each. */
    port: number;
    controllerPort: number;
    /** Every node of the cluster, in id order: one unless WEFT_KAFKA_NODES / --brokers says more. */
    nodes: KafkaNode[];
    /** JVM max heap, as `-Xmx` takes it (`512m`). */
    heap: string;
  };
  redis: {
    url: string;
    host: string;
    port: number;
    username: string | undefined;
    password: string | undefined;
  };
}

/** Values given on the command line; each one wins over its environment variable. */
export interface StackFlags {
  home?: string;
  kafkaPort?: string;
  redisUrl?: string;
  kafkaHeap?: string;
  brokers?: string;
}

/** A quorum of 5 already survives two failures; more only costs a developer machine memory. */
const MAX_NODES = 5;

function isPort(raw: string): boolean {
  return /^\d{1,5}$/.test(raw) && Number(raw) >= 1 && Number(raw) <= 65535;
}

function isLocalRedisUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (
      url.protocol === 'redis:' && url.hostname !== '' && (url.port === '' || isPort(url.port))
    );
  } catch {
    return false;
  }
}

const port = (fallback: number) =>
  z
    .string()
    .refine(isPort, { error: 'expected an integer 1-65535' })
    .transform(Number)
    .default(fallback);

const schema = z.object({
  WEFT_HOME: z.string().default('.weft'),
  WEFT_KAFKA_CACHE: z.string().default(join(homedir(), '.cache', 'weft', `kafka-${KAFKA_VERSION}`)),
  WEFT_KAFKA_PORT: port(9092),
  WEFT_KAFKA_CONTROLLER_PORT: port(9093),
  WEFT_KAFKA_NODES: z
    .string()
    .refine((raw) => /^\d+$/.test(raw) && Number(raw) >= 1 && Number(raw) <= MAX_NODES, {
      error: `expected a node count from 1 to ${MAX_NODES}`,
    })
    .transform(Number)
    .default(1),
  WEFT_KAFKA_HEAP: z
    .string()
    .regex(/^\d+[kmg]$/i, { error: 'expected a JVM heap size such as 512m or 1g' })
    .default('512m'),
  WEFT_REDIS_URL: z
    .string()
    .refine(isLocalRedisUrl, { error: 'expected a redis:// URL such as redis://127.0.0.1:6379' })
    .default('redis://127.0.0.1:6379'),
});

const FLAG_OF: Partial<
  Record<keyof typeof schema.shape, { flag: keyof StackFlags; label: string }>
> = {
  WEFT_HOME: { flag: 'home', label: '--home' },
  WEFT_KAFKA_PORT: { flag: 'kafkaPort', label: '--kafka-port' },
  WEFT_REDIS_URL: { flag: 'redisUrl', label: '--redis-url' },
  WEFT_KAFKA_HEAP: { flag: 'kafkaHeap', label: '--kafka-heap' },
  WEFT_KAFKA_NODES: { flag: 'brokers', label: '--brokers' },
};

/**
 * Reads the stack configuration. Empty variables count as unset. Throws a StackError that
 * names every wrong variable (or flag), what was expected and what it got.
 */
export function loadStackConfig(
  env: NodeJS.ProcessEnv = process.env,
  flags: StackFlags = {},
): StackConfig {
  const raw: Record<string, string | undefined> = {};
  const labels: Record<string, string> = {};
  for (const key of Object.keys(schema.shape) as (keyof typeof schema.shape)[]) {
    const fromFlag = FLAG_OF[key];
    const flagValue = fromFlag ? flags[fromFlag.flag] : undefined;
    raw[key] = (flagValue ?? env[key]) || undefined;
    labels[key] = fromFlag && flagValue !== undefined ? fromFlag.label : key;
  }

  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]);
      return `${labels[key] ?? key}: ${issue.message}, got ${JSON.stringify(raw[key])}`;
    });
    throw new StackError(`invalid stack configuration:\n  ${lines.join('\n  ')}`, {
      retriable: false,
    });
  }

  const values = parsed.data;
  const nodes = kafkaNodes(
    values.WEFT_KAFKA_PORT,
    values.WEFT_KAFKA_CONTROLLER_PORT,
    values.WEFT_KAFKA_NODES,
  );
  const clash = portClash(nodes);
  if (clash !== undefined) {
    throw new StackError(
      `invalid stack configuration:\n  ${labels.WEFT_KAFKA_CONTROLLER_PORT}: expected ports ` +
        `apart from the broker ports of ${nodes.length} node(s) (node n takes both ports ` +
        `+ 2(n-1)), got ${values.WEFT_KAFKA_CONTROLLER_PORT}: ${clash}`,
      { retriable: false },
    );
  }
  const redisUrl = new URL(values.WEFT_REDIS_URL);
  return {
    home: resolve(values.WEFT_HOME),
    kafka: {
      cacheDir: resolve(values.WEFT_KAFKA_CACHE),
      // Bound to loopback only: this stack is for one developer's machine.
      host: '127.0.0.1',
      port: values.WEFT_KAFKA_PORT,
      controllerPort: values.WEFT_KAFKA_CONTROLLER_PORT,
      nodes,
      heap: values.WEFT_KAFKA_HEAP,
    },
    redis: {
      url: values.WEFT_REDIS_URL,
      host: redisUrl.hostname,
      port: redisUrl.port === '' ? 6379 : Number(redisUrl.port),
      username: redisUrl.username === '' ? undefined : decodeURIComponent(redisUrl.username),
      password: redisUrl.password === '' ? undefined : decodeURIComponent(redisUrl.password),
    },
  };
}

/**
 * Node n (1-based) listens on port + 2(n-1) and controllerPort + 2(n-1): with the defaults
 * 9092/9093 the nodes take 9092-9097, each broker port beside its controller port.
 */
export function kafkaNodes(port: number, controllerPort: number, count: number): KafkaNode[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    port: port + 2 * i,
    controllerPort: controllerPort + 2 * i,
  }));
}

/** What is wrong with the nodes' ports (a port used twice, or past 65535), or undefined. */
function portClash(nodes: KafkaNode[]): string | undefined {
  const seen = new Set<number>();
  for (const node of nodes) {
    for (const port of [node.port, node.controllerPort]) {
      if (port > 65535) return `node ${node.id} would need port ${port}`;
      if (seen.has(port)) return `port ${port} would serve two listeners`;
      seen.add(port);
    }
  }
  return undefined;
}

/** Node 1's address: enough to bootstrap from, and the whole cluster when it has one node. */
export function kafkaAddress(config: StackConfig): string {
  return `${config.kafka.host}:${config.kafka.port}`;
}

/** Every node's address: the bootstrap list a client should get, so it survives any one node. */
export function kafkaAddresses(config: StackConfig): string[] {
  return config.kafka.nodes.map((node) => `${config.kafka.host}:${node.port}`);
}

/** host:port, never the password a URL may carry: what the state file and the table show. */
export function redisAddress(config: StackConfig): string {
  return `${config.redis.host}:${config.redis.port}`;
}
