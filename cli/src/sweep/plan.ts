/**
 * A sweep made concrete: each grid point's scenario, checked against the scenario schema,
 * and one ready-to-run (seeded, scaled) scenario per point and seed.
 */
import { ScenarioError, parseScenario } from '@weft/contracts';
import { scaleScenario, type Scenario } from '@weft/domain';
import { expandGrid, jobKeys, pointLabel, type GridPoint, type JobKey } from './grid';
import type { SweepParam } from './param-values';
import { checkNumericPath, withValueAt } from './scenario-paths';
import { SweepUsageError } from './sweep-usage-error';

/** Jobs the pool is handed at once: a bound on a mistyped range, far above a useful sweep. */
const MAX_JOBS = 100_000;

export interface SweepJob extends JobKey {
  /** The point's scenario with this seed, scaled: what the worker runs as is. */
  scenario: Scenario;
}

export interface SweepPlan {
  points: GridPoint[];
  jobs: SweepJob[];
}

/** The scenario at a point, or a usage error naming the point and the field out of range. */
function scenarioAt(base: Scenario, point: GridPoint): Scenario {
  const label = pointLabel(point);
  const changed = Object.entries(point.values).reduce(
    (s, [path, value]) => withValueAt(s, path, value),
    base,
  );
  try {
    return parseScenario(changed, `--param ${label}`);
  } catch (err) {
    if (err instanceof ScenarioError) throw new SweepUsageError(err.message);
    throw err;
  }
}

export function planSweep(
  base: Scenario,
  params: SweepParam[],
  seeds: number[],
  scale: number,
): SweepPlan {
  for (const p of params) checkNumericPath(base, p.path);
  const points = expandGrid(params);
  if (points.length * seeds.length > MAX_JOBS)
    throw new SweepUsageError(
      `${points.length} points × ${seeds.length} seeds is more than ${MAX_JOBS} runs`,
    );
  // Parameters are set in the scenario's own units and the world is scaled afterwards, as
  // `weft run --scale` does: shops.count=100 at --scale 0.1 is a world of 10 shops.
  const scenarios = points.map((p) => scenarioAt(base, p));
  const jobs = jobKeys(points.length, seeds).map((key) => ({
    ...key,
    scenario: scaleScenario({ ...scenarios[key.point], seed: key.seed }, scale),
  }));
  return { points, jobs };
}
