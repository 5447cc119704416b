/** Builders for scenarios in tests: the real files, optionally shrunk or changed. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseScenario } from '@weft/contracts';
import type { Scenario } from '@weft/domain';

const ROOT = join(__dirname, '..', '..');

export function scenarioFile(name: string): Scenario {
  return parseScenario(parse(readFileSync(join(ROOT, 'scenarios', `${name}.yaml`), 'utf8')), name);
}

/** The default world at a tenth of the demand, shops and workshops: the same economy, fast. */
export function smallScenario(overrides: Partial<Scenario> = {}): Scenario {
  const s = scenarioFile('default');
  return {
    ...s,
    demand: { ...s.demand, ordersPerHour: s.demand.ordersPerHour / 10 },
    shops: { ...s.shops, count: 30 },
    workshops: { ...s.workshops, count: 30 },
    ...overrides,
  };
}
