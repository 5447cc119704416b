/** What a distributed run is asked for, and the hooks its callers (the CLI, tests, benches) hold. */
import type Redis from 'ioredis';
import type { ServiceName } from '@weft/contracts';
import type { AnyEvent } from '@weft/domain';
import type { ClockTrace, KafkaSecurity } from '@weft/kafka';
import type { ServiceProcess } from './service-processes';

export type RunLog = (line: string) => void;

/** Kafka and Redis for a run that starts its own services: the CLI's local stack, say. */
export interface RunStack {
  up(log: RunLog): Promise<StackReady>;
}

export interface StackReady {
  brokers: string[];
  redisUrl: string;
  /** Lets go of the stack (stopping what `up` started itself, nothing it found running) and forgets the run. */
  stop(): Promise<void>;
  /**
   * Records the run and its service processes, when they start and whenever one is
   * replaced: what `weft stack status` lists, and what `weft stop` stops.
   */
  recordRun?(run: RunProcesses): Promise<void>;
  /**
   * The run is over and kept: its services, left running, hold the stack in the run's
   * place until they are stopped. Called instead of `stop`.
   */
  handOver?(): Promise<void>;
}

/** A run's service processes, as the stack records them. */
export interface RunProcesses {
  runId: string;
  /** The services are detached and stay up after the run (`--keep`). */
  keep: boolean;
  outDir: string;
  brokers: string[];
  services: { service: string; instanceId: string; pid: number; port: number; logFile: string }[];
}

export interface LiveRun {
  runId: string;
  topicPrefix: string;
  /** The run's processes now: one that dies is replaced here by its successor. */
  processes: ServiceProcess[];
  /** The services the run brought back after they died, and under which name. */
  restarts: readonly { died: string; code: number | null; as: string }[];
}

export interface KafkaRunOptions {
  /** Simulated hours per wall second at most, or as fast as the pipeline carries. */
  pace: number | 'max';
  /**
   * Simulated seconds past the clock's frontier that timers may fire: the most that events
   * can be applied out of their simulated order (default DEFAULT_LOOKAHEAD_SECONDS).
   */
  lookaheadSeconds?: number;
  instances: Partial<Record<ServiceName, number>>;
  keep: boolean;
  outDir: string;
  partitions: number;
  /** How long the run's topics keep their messages (default 24 h). */
  retentionHours?: number;
  /** Give up when the clock has not moved for this long (wall ms; default 120 s). */
  stallTimeoutMs?: number;
  onProgress?: (p: { simHours: number; events: number; placed: number; lag: number }) => void;
  /** Called once the run is live, with its processes (tests kill one here). */
  onLive?: (live: LiveRun) => void;
  log?: RunLog;
  /**
   * Where Kafka and Redis come from when the run starts its own services: brought up
   * first, and what it started stopped afterwards (unless `keep`). Needed without `attach`.
   */
  stack?: RunStack;
  /**
   * Drive services that are already running (docker compose, Kubernetes) instead of
   * starting the stack and the services: their brokers, Redis and run id (none: the
   * deployment's unprefixed topics and keys). Nothing is stopped or deleted afterwards.
   * `kafka`: SASL and TLS for its brokers; `redisTlsCa`: the CA of a rediss:// URL.
   */
  attach?: {
    brokers: string[];
    redisUrl: string;
    runId?: string;
    kafka?: KafkaSecurity;
    redisTlsCa?: string;
  };
  /** Sees every distinct event the run produced, and when (tests audit orders with it). */
  observe?: (event: AnyEvent, producedWallMs: number) => void;
  /** Records every state of the run's clock (tests check the clock against the events). */
  clockTrace?: ClockTrace;
  /** Extra environment for one service's processes (fault injection in tests, say). */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
  /** Looks at the run's Redis state once it has drained, before anything is deleted. */
  inspect?: (redis: Redis) => Promise<void>;
}
