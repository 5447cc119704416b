/** The sweep's grid: every combination of the swept values, and one job per point and seed. */
import type { SweepParam } from './param-values';

export interface GridPoint {
  /** Position in the grid: the first parameter changes slowest, as nested loops in flag order. */
  index: number;
  /** The value of each swept path, in the parameters' order. */
  values: Record<string, number>;
}

/** The cartesian product of the parameters' values; one empty point when nothing is swept. */
export function expandGrid(params: SweepParam[]): GridPoint[] {
  let combos: number[][] = [[]];
  for (const p of params) combos = combos.flatMap((c) => p.values.map((v) => [...c, v]));
  return combos.map((combo, index) => ({
    index,
    values: Object.fromEntries(params.map((p, i) => [p.path, combo[i]])),
  }));
}

/** `payments.commissionRate=0.02 shops.workshopsInvited=6`, or `(the scenario as it is)`. */
export function pointLabel(point: GridPoint): string {
  const parts = Object.entries(point.values).map(([path, v]) => `${path}=${v}`);
  return parts.length > 0 ? parts.join(' ') : '(the scenario as it is)';
}

export interface JobKey {
  /** Position in the job list: points in grid order, each with its seeds ascending. */
  index: number;
  point: number;
  seed: number;
}

/** Every point with every seed, in the order rows are written. */
export function jobKeys(points: number, seeds: number[]): JobKey[] {
  const keys: JobKey[] = [];
  for (let point = 0; point < points; point++)
    for (const seed of seeds) keys.push({ index: keys.length, point, seed });
  return keys;
}
