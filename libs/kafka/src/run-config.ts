/**
 * What every service of one distributed run shares, kept in Redis under the run's
 * prefix: the scenario and how the simulated clock is kept (see sim-clock.ts).
 */
import type Redis from 'ioredis';
import { RunKeys, parseScenario } from '@weft/contracts';
import type { Scenario } from '@weft/domain';

export interface RunConfig {
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

/** Publishes the run's config once; false when a config is there already (a run started). */
export async function publishRunConfig(redis: Redis, config: RunConfig): Promise<boolean> {
  return (await redis.set(KEY, JSON.stringify(config), 'NX')) === 'OK';
}

/** Waits (polling) until the run's driver has published the config. */
export async function awaitRunConfig(redis: Redis, signal?: AbortSignal): Promise<RunConfig> {
  for (;;) {
    const raw = await redis.get(KEY);
    if (raw) {
      const parsed = JSON.parse(raw) as RunConfig;
      return { ...parsed, scenario: parseScenario(parsed.scenario, KEY) };
    }
    if (signal?.aborted) throw new Error('stopped before the run was configured');
    await new Promise((r) => setTimeout(r, 200));
  }
}
