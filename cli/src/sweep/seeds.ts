/** The seeds every grid point runs with: `--seeds n` (1…n) or `--seed-list 3,7,…`. */
import { SweepUsageError } from './sweep-usage-error';

/**
 * Fewer runs make the 95 % interval mostly the t quantile's doing (t(0.975, 3) = 3.18
 * against 2.78 at four degrees of freedom) and the standard deviation a guess.
 */
export const MIN_SEEDS = 5;

/** More than a sweep needs, fewer than a stray zero makes. */
const MAX_SEEDS = 10_000;

const isSeed = (n: number) => Number.isSafeInteger(n);

/** `n` seeds: 1, 2, …, n. */
export function seedsOfCount(n: number, where = '--seeds'): number[] {
  if (!Number.isInteger(n) || n < MIN_SEEDS || n > MAX_SEEDS)
    throw new SweepUsageError(
      `${where}: expected a whole number of seeds from ${MIN_SEEDS} to ${MAX_SEEDS}, got ${n}`,
    );
  return Array.from({ length: n }, (_, i) => i + 1);
}

/** Listed seeds, ascending: at least MIN_SEEDS integers, none twice. */
export function checkSeedList(seeds: number[], where = '--seed-list'): number[] {
  const bad = seeds.find((s) => !isSeed(s));
  if (bad !== undefined) throw new SweepUsageError(`${where}: ${bad} is not an integer seed`);
  const twice = seeds.find((s, i) => seeds.indexOf(s) !== i);
  if (twice !== undefined) throw new SweepUsageError(`${where}: seed ${twice} is listed twice`);
  if (seeds.length < MIN_SEEDS || seeds.length > MAX_SEEDS)
    throw new SweepUsageError(
      `${where}: expected from ${MIN_SEEDS} to ${MAX_SEEDS} seeds, got ${seeds.length}`,
    );
  return [...seeds].sort((a, b) => a - b);
}

/** `--seeds 8` → 1…8. */
export function parseSeedCount(text: string): number[] {
  if (!/^\s*\d+\s*$/.test(text))
    throw new SweepUsageError(
      `--seeds: expected a whole number of seeds (at least ${MIN_SEEDS}), got "${text}"`,
    );
  return seedsOfCount(Number(text));
}

/** `--seed-list 1,2,3,4,5`. */
export function parseSeedList(text: string): number[] {
  const seeds = text.split(',').map((item) => {
    const t = item.trim();
    if (!/^-?\d+$/.test(t)) throw new SweepUsageError(`--seed-list: "${t}" is not an integer seed`);
    return Number(t);
  });
  return checkSeedList(seeds);
}
