/** Finds and reads a scenario: a name from scenarios/, or a path to a YAML file. */
import { access, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ScenarioError, parseScenario } from '@weft/contracts';
import type { Scenario } from '@weft/domain';

export const SCENARIOS_DIR = resolve(__dirname, '..', '..', '..', 'scenarios');

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** `default` → scenarios/default.yaml; anything with a slash or .yaml is a path. */
export async function resolveScenarioPath(nameOrFile: string): Promise<string> {
  const looksLikePath = /[/\\]|\.ya?ml$/.test(nameOrFile);
  const candidate = looksLikePath ? resolve(nameOrFile) : join(SCENARIOS_DIR, `${nameOrFile}.yaml`);
  if (await exists(candidate)) return candidate;
  throw new ScenarioError(nameOrFile, [
    looksLikePath
      ? `no such file: ${candidate}`
      : `no scenario named "${nameOrFile}" in ${SCENARIOS_DIR} (try default, singles-day, wage-squeeze, lead-time-crunch, or a path to a .yaml file)`,
  ]);
}

export async function loadScenario(nameOrFile: string, seed?: number): Promise<Scenario> {
  const path = await resolveScenarioPath(nameOrFile);
  let raw: unknown;
  try {
    raw = parseYaml(await readFile(path, 'utf8'));
  } catch (err) {
    if (err instanceof YAMLParseError)
      throw new ScenarioError(path, [`not valid YAML: ${err.message}`]);
    throw err;
  }
  const scenario = parseScenario(raw, path);
  return seed === undefined ? scenario : { ...scenario, seed };
}
