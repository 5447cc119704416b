/**
 * Summary statistics of a sweep: per grid point and KPI, the mean over seeds, the sample
 * standard deviation and a Student-t 95 % confidence interval of the mean,
 * mean ± t(0.975, n − 1) · sd / √n.
 *
 * With a single run there is no spread to estimate: sd and both ends of the interval are
 * NaN (an empty cell), never the mean itself, which would claim a certainty one run cannot
 * give. (`weft sweep` asks for at least five seeds, so this is for other callers.) A NaN
 * among the values (a field the report lacks) makes every figure NaN.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { GridPoint } from './grid';
import type { KpiRow } from './kpis';

export interface MeanInterval {
  n: number;
  mean: number;
  sd: number;
  ci95Low: number;
  ci95High: number;
}

export const STAT_NAMES = ['mean', 'sd', 'ci95Low', 'ci95High'] as const;

export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

/** The sample standard deviation (divisor n − 1); NaN for fewer than two values. */
export function sampleSd(xs: readonly number[]): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  let squares = 0;
  for (const x of xs) squares += (x - m) ** 2;
  return Math.sqrt(squares / (xs.length - 1));
}

/** Half the width of the 95 % interval of the mean of n values with standard deviation sd. */
export function ci95HalfWidth(sd: number, n: number): number {
  if (n < 2) return NaN;
  return (tQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
}

export function meanInterval(xs: readonly number[]): MeanInterval {
  const m = mean(xs);
  const sd = sampleSd(xs);
  const half = ci95HalfWidth(sd, xs.length);
  return { n: xs.length, mean: m, sd, ci95Low: m - half, ci95High: m + half };
}

/** One run's row: where in the grid, which seed, and its KPI values. */
export interface RunRow {
  point: number;
  seed: number;
  kpis: KpiRow;
}

export interface PointSummary {
  point: GridPoint;
  /** Runs (seeds) at this point. */
  n: number;
  kpis: Record<string, MeanInterval>;
}

/** Each point's intervals, for the KPI columns in `kpiNames`, in grid order. */
export function summarizeRuns(
  points: GridPoint[],
  runs: RunRow[],
  kpiNames: readonly string[],
): PointSummary[] {
  const byPoint = points.map((): RunRow[] => []);
  for (const r of runs) byPoint[r.point]?.push(r);
  return points.map((point) => {
    const here = byPoint[point.index] ?? [];
    const kpis = Object.fromEntries(
      kpiNames.map((k) => [k, meanInterval(here.map((r) => r.kpis[k] ?? NaN))]),
    );
    return { point, n: here.length, kpis };
  });
}
