/**
 * A sweep file (`weft sweep --file sweep.yaml`): the scenario, its scale, the seeds and the
 * parameters with their values, validated with every message naming the field.
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { checkValues, parseValues, type SweepParam } from './param-values';
import { checkSeedList, seedsOfCount } from './seeds';
import { SweepUsageError } from './sweep-usage-error';

const values = z.union(
  [z.array(z.number({ message: 'expected a number' })), z.string(), z.number()],
  { message: 'expected a list of numbers, or a string such as "0.02:0.2:0.06"' },
);

const SweepFileSchema = z.strictObject({
  scenario: z
    .string({ message: 'expected a scenario name or a path to a YAML file' })
    .min(1, { message: 'expected a scenario name or a path to a YAML file' }),
  scale: z
    .number({ message: 'expected a number > 0' })
    .positive({ message: 'expected a number > 0' })
    .optional(),
  seeds: z
    .union([z.number(), z.array(z.number({ message: 'expected an integer seed' }))], {
      message: 'expected a number of seeds or a list of seeds',
    })
    .optional(),
  params: z
    .record(z.string(), values, { message: 'expected a map from path to values' })
    .default({}),
});

/** What a sweep file asks for; fields it leaves out are the flags' or the defaults'. */
export interface SweepFile {
  scenario: string;
  scale?: number;
  seeds?: number[];
  params: SweepParam[];
}

/** `params.shops.workshopsInvited[0]`: a path a reader can find in the file. */
function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`))
    .join('');
}

/** A scenario named by path in a sweep file is found beside the file, not the shell. */
function scenarioBeside(file: string, scenario: string): string {
  const looksLikePath = /[/\\]|\.ya?ml$/.test(scenario);
  return looksLikePath && !isAbsolute(scenario) ? resolve(dirname(file), scenario) : scenario;
}

/** Checks a parsed sweep document; `file` names it in messages. */
export function parseSweepFile(raw: unknown, file: string): SweepFile {
  const result = SweepFileSchema.safeParse(raw ?? {});
  if (!result.success) {
    const problems = result.error.issues.map((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((k) => `${k}: unknown field (expected scenario, scale, seeds, params)`)
        : `${fieldName(issue.path) || '(the file)'}: ${issue.message}`,
    );
    throw new SweepUsageError(`${file}: invalid sweep file:\n  ${problems.flat().join('\n  ')}`);
  }
  const s = result.data;
  const where = (field: string) => `${file}: ${field}`;
  return {
    scenario: scenarioBeside(file, s.scenario),
    scale: s.scale,
    seeds:
      s.seeds === undefined
        ? undefined
        : typeof s.seeds === 'number'
          ? seedsOfCount(s.seeds, where('seeds'))
          : checkSeedList(s.seeds, where('seeds')),
    params: Object.entries(s.params).map(([path, v]) => ({
      path,
      values:
        typeof v === 'string'
          ? parseValues(v, where(`params.${path}`))
          : checkValues(typeof v === 'number' ? [v] : v, where(`params.${path}`)),
    })),
  };
}

export async function loadSweepFile(file: string): Promise<SweepFile> {
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new SweepUsageError(`--file: cannot read ${path} (${(err as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new SweepUsageError(`${path}: not valid YAML: ${(err as Error).message}`);
  }
  return parseSweepFile(raw, path);
}
