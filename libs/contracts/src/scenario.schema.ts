/**
 * The scenario file's schema. Unknown keys are errors (a typo must not silently fall back
 * to a default), and every message names the key: `scenario.shops.count: expected a
 * positive integer, got -3`.
 */
import { z } from 'zod';
import type { Scenario } from '@weft/domain';

const posInt = z
  .number({ message: 'expected a positive integer' })
  .int({ message: 'expected a positive integer' })
  .positive({ message: 'expected a positive integer' });
const nonNeg = z
  .number({ message: 'expected a number ≥ 0' })
  .min(0, { message: 'expected a number ≥ 0' });
const positive = z
  .number({ message: 'expected a number > 0' })
  .positive({ message: 'expected a number > 0' });
const share = z
  .number({ message: 'expected a number from 0 to 1' })
  .min(0, { message: 'expected a number from 0 to 1' })
  .max(1, { message: 'expected a number from 0 to 1' });
const hourOfDay = z
  .number({ message: 'expected an hour 0-24' })
  .min(0, { message: 'expected an hour 0-24' })
  .max(24, { message: 'expected an hour 0-24' });
const cents = z
  .number({ message: 'expected integer cents ≥ 0' })
  .int({ message: 'expected integer cents ≥ 0' })
  .min(0, { message: 'expected integer cents ≥ 0' });

const range = (item: z.ZodNumber) =>
  z
    .strictObject({ min: item, max: item })
    .refine((r) => r.min <= r.max, { message: 'expected min ≤ max' });

export const ScenarioSchema = z
  .strictObject({
    name: z.string().min(1),
    description: z.string().default(''),
    seed: z.number().int({ message: 'expected an integer' }).default(1),
    durationHours: positive,
    horizonHours: positive,
    demand: z.strictObject({
      ordersPerHour: nonNeg,
      hourlyCurve: z
        .array(nonNeg)
        .length(24, { message: 'expected 24 numbers, one per hour of the day' }),
      spikes: z
        .array(z.strictObject({ atHour: nonNeg, durationHours: positive, factor: positive }))
        .default([]),
      quantity: range(posInt),
      wantedLeadHours: range(positive),
      ceilingFactor: range(positive),
      shopsCompared: posInt,
      ratingWeight: nonNeg,
    }),
    categories: z
      .array(
        z.strictObject({
          name: z.string().min(1),
          share: positive,
          materialCents: cents,
          minutesPerUnit: positive,
          referencePriceCents: cents,
        }),
      )
      .min(1, { message: 'expected at least one category' }),
    shops: z.strictObject({
      count: posInt,
      margin: range(nonNeg),
      minMargin: share,
      workshopsInvited: posInt,
      bidWindowHours: positive,
      secondRoundRaise: nonNeg,
      award: z.strictObject({ price: nonNeg, rating: nonNeg, leadTime: nonNeg }),
      costMemory: share,
    }),
    workshops: z.strictObject({
      count: posInt,
      lines: range(posInt),
      workersPerLine: positive,
      wageCentsPerHour: cents,
      nightShiftShare: share,
      dayShift: z
        .strictObject({ start: hourOfDay, end: hourOfDay })
        .refine((s) => s.start < s.end, { message: 'expected start < end' }),
      overtimeBacklogHours: nonNeg,
      markup: z.strictObject({ start: nonNeg, min: nonNeg, max: nonNeg, step: nonNeg }),
      targetBacklogHours: nonNeg,
    }),
    shipping: z.strictObject({
      pickupHours: z.array(hourOfDay).min(1, { message: 'expected at least one pickup hour' }),
      transitHours: range(nonNeg),
    }),
    payments: z.strictObject({ commissionRate: share }),
    capacity: z.strictObject({
      unitsPerEvent: positive,
      unitsPerInstanceHour: positive,
      targetUtilization: z.number().positive().max(1, { message: 'expected a number in (0, 1]' }),
      provisionDelayHours: z.number().int().min(0),
      centsPerInstanceHour: cents,
      minInstances: posInt,
    }),
  })
  .refine((s) => s.horizonHours >= s.durationHours, {
    message: 'expected horizonHours ≥ durationHours',
    path: ['horizonHours'],
  });

// The compiler keeps the schema and the domain's type in step.
type Parsed = z.output<typeof ScenarioSchema>;
const _sameShape: (p: Parsed) => Scenario = (p) => p;
void _sameShape;

export class ScenarioError extends Error {
  readonly retriable = false;
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: invalid scenario:\n  ${problems.join('\n  ')}`);
    this.name = 'ScenarioError';
  }
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** Validates a parsed scenario document; `source` names it in messages. */
export function parseScenario(raw: unknown, source = 'scenario'): Scenario {
  const result = ScenarioSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const where = ['scenario', ...issue.path.map(String)].join('.');
      return issue.keys.map((k) => `${where}.${k}: unknown key`).join('\n  ');
    }
    const where = ['scenario', ...issue.path.map(String)].join('.');
    const got = valueAt(raw, issue.path);
    const shown =
      got === undefined ? 'nothing' : typeof got === 'object' ? 'an object' : JSON.stringify(got);
    return `${where}: ${issue.message}, got ${shown}`;
  });
  throw new ScenarioError(source, problems);
}
