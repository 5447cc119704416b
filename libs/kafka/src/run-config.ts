/**
 * What every service of one distributed run shares, kept in Redis under the run's
 * prefix: the scenario, the wall instant of simulated time zero, and the time scale.
 */
import type Redis from 'ioredis';
import { parseScenario } from '@weft/contracts';
import { HOUR_MS, type Scenario } from '@weft/domain';

export interface RunConfig {
  scenario: Scenario;
  /** Wall-clock ms at which simulated time was zero. */
  epochWallMs: number;
  /** Simulated ms per wall ms (3600 = one simulated hour per wall second). */
  timeScale: number;
}

const KEY = 'run:config';

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
      return { ...parsed, scenario: parseScenario(parsed.scenario, 'run:config') };
    }
    if (signal?.aborted) throw new Error('stopped before the run was configured');
    await new Promise((r) => setTimeout(r, 200));
  }
}

export class SimClock {
  constructor(private readonly config: RunConfig) {}

  nowMs(wallMs = Date.now()): number {
    return (wallMs - this.config.epochWallMs) * this.config.timeScale;
  }

  get horizonMs(): number {
    return this.config.scenario.horizonHours * HOUR_MS;
  }
}
