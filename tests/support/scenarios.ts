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

/**
 * Four simulated hours of even demand to ten shops and ten workshops: a few hundred orders
 * that end well within the horizon, for suites that need a run rather than an economy.
 */
export function smallDay(
  name: string,
  ordersPerHour: number,
  lead: {
    wantedLeadHours: Scenario['demand']['wantedLeadHours'];
    transitHours: Scenario['shipping']['transitHours'];
  } = {
    wantedLeadHours: { min: 30, max: 40 },
    transitHours: { min: 4, max: 8 },
  },
): Scenario {
  const s = scenarioFile('default');
  return {
    ...s,
    name,
    durationHours: 4,
    horizonHours: 48,
    demand: {
      ...s.demand,
      ordersPerHour,
      hourlyCurve: s.demand.hourlyCurve.map(() => 1),
      wantedLeadHours: lead.wantedLeadHours,
    },
    shops: { ...s.shops, count: 10 },
    workshops: { ...s.workshops, count: 10 },
    shipping: { ...s.shipping, transitHours: lead.transitHours },
  };
}

/**
 * The traditional chain in small: the shipped scenario's world at a hundredth of the
 * demand, with a review a day, two days of freight and three days of demand, so that batches
 * are ordered, made and received, and (with too little opening stock) some requests are
 * refused, within a test's run.
 */
export function smallTraditional(overrides: Partial<Scenario> = {}): Scenario {
  const s = scenarioFile('traditional');
  const wholesale = s.wholesale;
  if (!wholesale) throw new Error('scenarios/traditional.yaml has no wholesale section');
  return {
    ...s,
    durationHours: 24 * 3,
    horizonHours: 24 * 4.5,
    warmupDays: 1,
    demand: { ...s.demand, ordersPerHour: s.demand.ordersPerHour / 100 },
    shops: { ...s.shops, count: 12 },
    workshops: { ...s.workshops, count: 12 },
    wholesale: {
      ...wholesale,
      count: 3,
      reviewDays: 1,
      freightDays: 2,
      coverDays: 6,
      openingStockDays: 1.5,
    },
    ...overrides,
  };
}
