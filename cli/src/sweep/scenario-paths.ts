/**
 * Dotted paths into a scenario (`payments.commissionRate`, `categories.0.materialCents`):
 * which lead to a number, which are near a mistyped one, and a copy with one set.
 */
import type { Scenario } from '@weft/domain';
import { SweepUsageError } from './sweep-usage-error';

/** The seed is swept by `--seeds`, never as a parameter. */
const NOT_A_PARAMETER = new Set(['seed']);

/** Numbers a scenario may leave out (each has a default): a sweep may still set them. */
export const OPTIONAL_NUMBERS = [
  'warmupDays',
  'workshops.setupMinutesPerOrder',
  'workshops.maxHoursPerWorkerDay',
  'workshops.automation.share',
  'workshops.automation.minutesFactor',
  'workshops.automation.capitalCentsPerLineDay',
  'payments.adFeeRate',
  'platform.visibleShops',
];

/** How many near paths an error lists. */
const NEARBY = 8;

function children(v: unknown): [string, unknown][] {
  if (Array.isArray(v)) return v.map((x, i) => [String(i), x]);
  if (v !== null && typeof v === 'object') return Object.entries(v);
  return [];
}

/** Every path in `value` that leads to a number, depth first, in the document's order. */
export function numericPaths(value: unknown, prefix = ''): string[] {
  return children(value).flatMap(([key, v]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof v === 'number') return NOT_A_PARAMETER.has(path) ? [] : [path];
    return numericPaths(v, path);
  });
}

function valueAt(root: unknown, segments: string[]): unknown {
  let v = root;
  for (const key of segments) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** Edit distance, for ranking the paths a typo was probably meant to be. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const same = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + same);
    }
    prev = row;
  }
  return prev[b.length];
}

/** The numeric paths under the deepest part of `path` that exists, nearest first. */
export function nearbyPaths(scenario: Scenario, path: string): string[] {
  const segments = path.split('.');
  let depth = segments.length;
  while (depth > 0 && valueAt(scenario, segments.slice(0, depth)) === undefined) depth--;
  const prefix = segments.slice(0, depth).join('.');
  const all = [...new Set([...numericPaths(scenario), ...OPTIONAL_NUMBERS])];
  const under = all.filter((p) => prefix === '' || p.startsWith(`${prefix}.`));
  const pool = under.length > 0 ? under : all;
  return pool
    .map((p) => ({ p, d: distance(path, p) }))
    .sort((a, b) => a.d - b.d || a.p.localeCompare(b.p))
    .slice(0, NEARBY)
    .map(({ p }) => p);
}

/** Stops with a message naming `path` and the numeric paths near it, unless it leads to a number. */
export function checkNumericPath(scenario: Scenario, path: string): void {
  if (NOT_A_PARAMETER.has(path))
    throw new SweepUsageError(`--param ${path}: the seed is swept with --seeds or --seed-list`);
  const found = valueAt(scenario, path.split('.'));
  if (typeof found === 'number') return;
  if (found === undefined && OPTIONAL_NUMBERS.includes(path)) return;
  const what =
    found === undefined
      ? 'not in the scenario'
      : `${Array.isArray(found) ? 'a list' : typeof found === 'object' ? 'a group' : `a ${typeof found}`}, not a number`;
  throw new SweepUsageError(
    `--param ${path}: ${what}; numeric paths near it: ${nearbyPaths(scenario, path).join(', ')}`,
  );
}

/** A copy of `scenario` with the number at `path` (already checked) set to `value`. */
export function withValueAt(scenario: Scenario, path: string, value: number): Scenario {
  const copy = structuredClone(scenario);
  const segments = path.split('.');
  const last = segments.pop() ?? '';
  // An optional number's group may be absent too (`platform`): made on the way.
  let parent = copy as unknown as Record<string, unknown>;
  for (const key of segments) {
    parent[key] ??= {};
    parent = parent[key] as Record<string, unknown>;
  }
  parent[last] = value;
  return copy;
}
