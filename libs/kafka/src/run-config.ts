/**
 * What every service of one distributed run shares, kept in Redis under the run's
 * prefix: the scenario and how the simulated clock is kept (see sim-clock.ts).
 */
import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import { RunKeys, parseScenario } from '@weft/contracts';
import type { Scenario } from '@weft/domain';

export interface RunConfig {
  /** Unique to this run: the envelope's run id and the token every transaction checks. */
  epoch: string;
  scenario: Scenario;
  clock: {
    /** Simulated ms per clock window: reactions owed are counted per window. */
    grainMs: number;
    /** How far past the frontier timers may fire (simulated ms). */
    lookaheadMs: number;
    /** Simulated hours per wall second at most; null: as fast as the pipeline carries. */
    paceHoursPerSecond: number | null;
  };
}

const KEY = RunKeys.config;

/** A new run's epoch: random, so that no two runs (nor a run and its wiped Redis) share one. */
export function newRunEpoch(): string {
  return randomBytes(8).toString('hex');
}

/**
 * Publishes the run's config once, and its epoch; false when a config is there already (a
 * run started). Services wait for both (the epoch is written second).
 */
export async function publishRunConfig(redis: Redis, config: RunConfig): Promise<boolean> {
  if ((await redis.set(KEY, JSON.stringify(config), 'NX')) !== 'OK') return false;
  await redis.set(RunKeys.epoch, config.epoch);
  return true;
}

/** Says what is wrong when Redis no longer holds this run (undefined: it does). */
export async function runLost(redis: Redis, epoch: string): Promise<string | undefined> {
  const found = await redis.get(RunKeys.epoch);
  return found === epoch ? undefined : describeRunLoss(found, epoch);
}

/** What it means that the run's epoch in Redis is `found` rather than `epoch`. */
export function describeRunLoss(found: string | null, epoch: string): string {
  return found === null
    ? `Redis lost this run: ${RunKeys.epoch} is gone (a Redis restart without persistence, or a flush); its state, dedupe markers, timers and outboxes went with it`
    : `Redis holds another run: ${RunKeys.epoch} is ${found}, this run's is ${epoch}`;
}

/** Waits (polling) until the run's driver has published the config. */
export async function awaitRunConfig(redis: Redis, signal?: AbortSignal): Promise<RunConfig> {
  for (;;) {
    const [raw, epoch] = await redis.mget(KEY, RunKeys.epoch);
    if (raw && epoch) {
      const parsed = JSON.parse(raw) as RunConfig;
      return { ...parsed, epoch, scenario: parseScenario(parsed.scenario, KEY) };
    }
    if (signal?.aborted) throw new Error('stopped before the run was configured');
    await new Promise((r) => setTimeout(r, 200));
  }
}
