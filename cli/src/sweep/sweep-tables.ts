/**
 * The sweep's tables as written: runs.csv (one row per point and seed), summary.csv and
 * summary.json (one row per point). A NaN — a field the report lacks, an interval of one
 * run — is an empty cell in CSV and null in JSON.
 */
import { stringify } from 'csv-stringify';
import type { GridPoint } from './grid';
import type { SweepParam } from './param-values';
import { STAT_NAMES, type PointSummary, type RunRow } from './summary';

export type Table = (string | number)[][];

/** Ten significant digits: the statistics' binary noise (3.0000000000000004) left out. */
const tidy = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(10)) : NaN);

const paramCells = (params: SweepParam[], point: GridPoint | undefined) =>
  params.map((p) => point?.values[p.path] ?? NaN);

/** Header and rows: each swept path, `seed`, then each KPI column. */
export function runsTable(
  params: SweepParam[],
  kpiNames: readonly string[],
  points: GridPoint[],
  runs: RunRow[],
): Table {
  return [
    [...params.map((p) => p.path), 'seed', ...kpiNames],
    ...runs.map((r) => [
      ...paramCells(params, points[r.point]),
      r.seed,
      ...kpiNames.map((k) => r.kpis[k] ?? NaN),
    ]),
  ];
}

/** Header and rows: each swept path, `n`, then `<kpi>.mean`, `.sd`, `.ci95Low`, `.ci95High` per KPI. */
export function summaryTable(
  params: SweepParam[],
  kpiNames: readonly string[],
  summary: PointSummary[],
): Table {
  return [
    [
      ...params.map((p) => p.path),
      'n',
      ...kpiNames.flatMap((k) => STAT_NAMES.map((s) => `${k}.${s}`)),
    ],
    ...summary.map((s) => [
      ...paramCells(params, s.point),
      s.n,
      ...kpiNames.flatMap((k) => STAT_NAMES.map((stat) => tidy(s.kpis[k]?.[stat] ?? NaN))),
    ]),
  ];
}

export interface SweepMeta {
  scenario: string;
  scale: number;
  seeds: number[];
  params: SweepParam[];
}

/** summary.json: what was swept, and each point's intervals by KPI. */
export function summaryJson(meta: SweepMeta, kpiNames: readonly string[], summary: PointSummary[]) {
  return {
    ...meta,
    kpis: kpiNames,
    interval:
      'Student-t 95 % interval of the mean over seeds: mean ± t(0.975, n − 1) · sd / √n; null when n < 2 or a run lacks the KPI',
    points: summary.map((s) => ({
      params: s.point.values,
      n: s.n,
      kpis: Object.fromEntries(
        kpiNames.map((k) => [
          k,
          Object.fromEntries(STAT_NAMES.map((stat) => [stat, tidy(s.kpis[k]?.[stat] ?? NaN)])),
        ]),
      ),
    })),
  };
}

export function toCsv(table: Table): Promise<string> {
  return new Promise((resolve, reject) =>
    stringify(
      table,
      { cast: { number: (n) => (Number.isFinite(n) ? String(n) : '') } },
      (err, out) => (err ? reject(err) : resolve(out)),
    ),
  );
}
