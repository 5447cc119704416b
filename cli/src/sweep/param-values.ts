/**
 * A swept parameter from the command line or a sweep file: `path=v1,v2,…`, where each item
 * is a number or an inclusive range `from:to:step` (`0.02:0.2:0.06` → 0.02, 0.08, 0.14, 0.2).
 */
import { SweepUsageError } from './sweep-usage-error';

export interface SweepParam {
  /** A dotted path into the scenario, e.g. `payments.commissionRate`. */
  path: string;
  /** In the order given; each at most once. */
  values: number[];
}

/** More grid values than anyone plots, and fewer than a typo in a step makes. */
const MAX_VALUES = 1000;

const EXPECTED = 'expected numbers such as 0.05, or a range from:to:step such as 0.02:0.2:0.06';

/** Twelve significant digits hide the binary noise of from + i·step (0.2, not 0.19999999999999998). */
const tidy = (x: number) => Number(x.toPrecision(12));

function number(text: string, where: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n))
    throw new SweepUsageError(`${where}: "${text}" is not a number (${EXPECTED})`);
  return n;
}

/** `from:to:step`, both ends included when the steps land on `to`. */
export function expandRange(text: string, where: string): number[] {
  const parts = text.split(':');
  if (parts.length !== 3)
    throw new SweepUsageError(`${where}: "${text}" is not a range from:to:step (${EXPECTED})`);
  const [from, to, step] = parts.map((p) => number(p, where)) as [number, number, number];
  if (!(step > 0)) throw new SweepUsageError(`${where}: in "${text}" the step must be > 0`);
  if (to < from) throw new SweepUsageError(`${where}: in "${text}" expected from ≤ to`);
  // The small allowance lets a step that lands on `to` in decimal arithmetic include it.
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_VALUES)
    throw new SweepUsageError(`${where}: "${text}" makes ${count} values, at most ${MAX_VALUES}`);
  return Array.from({ length: count }, (_, i) => tidy(from + i * step));
}

/** `0.02,0.05,0.1` or `3:12:3` or both mixed: every number, in order, none twice. */
export function parseValues(text: string, where: string): number[] {
  const values = text
    .split(',')
    .map((item) => item.trim())
    .flatMap((item) => (item.includes(':') ? expandRange(item, where) : [number(item, where)]));
  return checkValues(values, where);
}

/** A list of values (from a sweep file or a parsed flag): at least one, none twice. */
export function checkValues(values: number[], where: string): number[] {
  if (values.length === 0) throw new SweepUsageError(`${where}: no values (${EXPECTED})`);
  const twice = values.find((v, i) => values.indexOf(v) !== i);
  if (twice !== undefined) throw new SweepUsageError(`${where}: ${twice} is listed twice`);
  if (values.length > MAX_VALUES)
    throw new SweepUsageError(`${where}: ${values.length} values, at most ${MAX_VALUES}`);
  return values;
}

/** `--param payments.commissionRate=0.02,0.05` → { path, values }. */
export function parseParamFlag(flag: string): SweepParam {
  const eq = flag.indexOf('=');
  const path = eq < 0 ? '' : flag.slice(0, eq).trim();
  if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(path))
    throw new SweepUsageError(
      `--param "${flag}": expected path=values, e.g. payments.commissionRate=0.02,0.05,0.1`,
    );
  return { path, values: parseValues(flag.slice(eq + 1), `--param ${path}`) };
}

/** Several params, later ones replacing earlier ones of the same path (a flag over a file). */
export function mergeParams(base: SweepParam[], over: SweepParam[]): SweepParam[] {
  const merged = new Map(base.map((p) => [p.path, p]));
  for (const p of over) merged.set(p.path, p);
  return [...merged.values()];
}

/** Each path once among flags given together. */
export function checkDistinctPaths(params: SweepParam[], where: string): SweepParam[] {
  const seen = new Set<string>();
  for (const { path } of params) {
    if (seen.has(path)) throw new SweepUsageError(`${where} ${path}: given twice`);
    seen.add(path);
  }
  return params;
}
