/**
 * What a sweep is asked to do, from its flags and (with --file) a sweep file: a flag given
 * on the command line wins over the file's field, a --param over the file's same path.
 */
import { availableParallelism } from 'node:os';
import { checkDistinctPaths, mergeParams, parseParamFlag, type SweepParam } from './param-values';
import { parseSeedCount, parseSeedList, seedsOfCount } from './seeds';
import type { SweepFile } from './sweep-file';
import { SweepUsageError } from './sweep-usage-error';

/** The flags as typed; parsed here so every mistake is a usage error (exit 2). */
export interface SweepFlags {
  file?: string;
  scenario?: string;
  param?: string[];
  seeds?: string;
  seedList?: string;
  scale?: string;
  workers?: string;
  out?: string;
  progress?: boolean;
}

export interface SweepSpec {
  scenario: string;
  scale: number;
  seeds: number[];
  params: SweepParam[];
  workers: number;
}

export const SWEEP_DEFAULTS = {
  scenario: 'default',
  /** A tenth of the world: a default-scenario run takes about a second. */
  scale: 0.1,
  seeds: 5,
} as const;

/** Threads beyond this only queue for the same cores. */
const MAX_WORKERS = 256;

function parseScale(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0)
    throw new SweepUsageError(`--scale: expected a number > 0, got "${text}"`);
  return n;
}

function parseWorkers(text: string): number {
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || n < 1 || n > MAX_WORKERS)
    throw new SweepUsageError(
      `--workers: expected a whole number from 1 to ${MAX_WORKERS}, got "${text}"`,
    );
  return n;
}

function seedsOf(flags: SweepFlags, file?: SweepFile): number[] {
  if (flags.seeds !== undefined && flags.seedList !== undefined)
    throw new SweepUsageError('--seeds and --seed-list: give one or the other');
  if (flags.seeds !== undefined) return parseSeedCount(flags.seeds);
  if (flags.seedList !== undefined) return parseSeedList(flags.seedList);
  return file?.seeds ?? seedsOfCount(SWEEP_DEFAULTS.seeds);
}

export function resolveSpec(flags: SweepFlags, file?: SweepFile): SweepSpec {
  const fromFlags = checkDistinctPaths((flags.param ?? []).map(parseParamFlag), '--param');
  return {
    scenario: flags.scenario ?? file?.scenario ?? SWEEP_DEFAULTS.scenario,
    scale:
      flags.scale !== undefined ? parseScale(flags.scale) : (file?.scale ?? SWEEP_DEFAULTS.scale),
    seeds: seedsOf(flags, file),
    params: mergeParams(file?.params ?? [], fromFlags),
    workers: flags.workers !== undefined ? parseWorkers(flags.workers) : availableParallelism(),
  };
}
