/**
 * The scenario file's schema. Unknown keys are errors (a typo must not silently fall back
 * to a default), and every message names the key: `scenario.shops.count: expected a
 * positive integer, got -3`.
 */
import { z } from 'zod';
import {
  maxArrivalRatePerHour,
  platformFeeRate,
  unitCostCents,
  type Category,
  type Scenario,
} from '@weft/domain';
import { ScenarioLimits as L } from './limits';

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

/** A number in an open or half-open interval: `(0, 1]` or `(0, 1)`. */
const between0And = (max: number, maxIncluded: boolean) => {
  const message = `expected a number in (0, ${max}${maxIncluded ? ']' : ')'}`;
  const above0 = z.number({ message }).gt(0, { message });
  return maxIncluded ? above0.max(max, { message }) : above0.lt(max, { message });
};

/** The largest a field may be (limits.ts says why). */
const atMost = <T extends z.ZodNumber>(item: T, max: number) =>
  item.max(max, { message: `expected at most ${max}` });
const hoursSpan = atMost(positive, L.hours);
const hoursFrom0 = atMost(nonNeg, L.hours);
const priceCents = atMost(cents, L.unitCents);

const range = (item: z.ZodNumber) =>
  z
    .strictObject({ min: item, max: item })
    .refine((r) => r.min <= r.max, { message: 'expected min ≤ max' });

export const ScenarioSchema = z
  .strictObject({
    name: z.string().min(1),
    description: z.string().default(''),
    seed: z.number().int({ message: 'expected an integer' }).default(1),
    durationHours: hoursSpan,
    horizonHours: hoursSpan,
    warmupDays: z.number().int().min(0).max(30).optional(),
    demand: z.strictObject({
      ordersPerHour: nonNeg,
      hourlyCurve: z
        .array(nonNeg)
        .length(24, { message: 'expected 24 numbers, one per hour of the day' }),
      spikes: z
        .array(z.strictObject({ atHour: hoursFrom0, durationHours: hoursSpan, factor: positive }))
        .default([]),
      quantity: range(atMost(posInt, L.quantity)),
      wantedLeadHours: range(hoursSpan),
      ceilingFactor: range(positive),
      shopsCompared: atMost(posInt, L.shopsCompared),
      ratingWeight: nonNeg,
    }),
    categories: z
      .array(
        z.strictObject({
          name: z.string().min(1),
          share: positive,
          materialCents: priceCents,
          minutesPerUnit: positive,
          referencePriceCents: priceCents,
        }),
      )
      .min(1, { message: 'expected at least one category' })
      .max(L.categories, { message: `expected at most ${L.categories} categories` }),
    shops: z.strictObject({
      count: atMost(posInt, L.shops),
      margin: range(nonNeg),
      minMargin: share,
      workshopsInvited: atMost(posInt, L.workshopsInvited),
      bidWindowHours: hoursSpan,
      secondRoundRaise: nonNeg,
      award: z.strictObject({ price: nonNeg, rating: nonNeg, leadTime: nonNeg }),
      costMemory: share,
    }),
    workshops: z.strictObject({
      count: atMost(posInt, L.workshops),
      lines: range(atMost(posInt, L.lines)),
      workersPerLine: atMost(positive, L.workersPerLine),
      wageCentsPerHour: priceCents,
      nightShiftShare: share,
      dayShift: z
        .strictObject({ start: hourOfDay, end: hourOfDay })
        .refine((s) => s.start < s.end, { message: 'expected start < end' }),
      overtimeBacklogHours: hoursFrom0,
      maxHoursPerWorkerDay: atMost(positive, 24).optional(),
      markup: z.strictObject({
        start: atMost(nonNeg, L.markup),
        min: atMost(nonNeg, L.markup),
        max: atMost(nonNeg, L.markup),
        step: atMost(nonNeg, L.markup),
      }),
      targetBacklogHours: hoursFrom0,
      setupMinutesPerOrder: nonNeg.max(24 * 60).optional(),
      // A share of 0 would be no automation (leave the key out); a factor of 1 no saving.
      automation: z
        .strictObject({
          share: between0And(1, true),
          minutesFactor: between0And(1, false),
          capitalCentsPerLineDay: priceCents,
        })
        .optional(),
    }),
    shipping: z.strictObject({
      pickupHours: z.array(hourOfDay).min(1, { message: 'expected at least one pickup hour' }),
      transitHours: range(hoursFrom0),
    }),
    platform: z.strictObject({ visibleShops: atMost(posInt, L.shops).optional() }).optional(),
    wholesale: z
      .strictObject({
        count: atMost(posInt, L.wholesalers),
        margin: atMost(nonNeg, L.markup),
        contractMarkup: atMost(nonNeg, L.markup),
        reviewDays: z
          .number({ message: 'expected days from 1/24 to 365' })
          .min(1 / 24, { message: 'expected days from 1/24 to 365' })
          .max(365, { message: 'expected days from 1/24 to 365' }),
        coverDays: atMost(positive, 365),
        freightDays: atMost(nonNeg, 365),
        forecastMemory: share,
        openingStockDays: atMost(nonNeg, 365),
      })
      .optional(),
    payments: z.strictObject({ commissionRate: share, adFeeRate: share.optional() }),
    capacity: z.strictObject({
      unitsPerEvent: positive,
      unitsPerInstanceHour: positive,
      targetUtilization: z.number().positive().max(1, { message: 'expected a number in (0, 1]' }),
      provisionDelayHours: z.number().int().min(0).max(L.hours),
      centsPerInstanceHour: priceCents,
      minInstances: posInt,
    }),
  })
  .refine((s) => s.horizonHours >= s.durationHours, {
    message: 'expected horizonHours ≥ durationHours',
    path: ['horizonHours'],
  })
  .refine((s) => (s.warmupDays ?? 0) * 24 < s.durationHours, {
    message:
      'expected warmupDays × 24 < durationHours (orders must still arrive after the warm-up)',
    path: ['warmupDays'],
  })
  .refine((s) => platformFeeRate(s.payments) + s.shops.minMargin < 1, {
    message:
      'expected commissionRate + adFeeRate + shops.minMargin < 1 (the shop must be able to pay a workshop)',
    path: ['payments'],
  })
  .superRefine((s, ctx) => {
    const peak = maxArrivalRatePerHour(s.demand);
    if (!(peak <= L.ordersPerHour))
      ctx.addIssue({
        code: 'custom',
        path: ['demand', 'ordersPerHour'],
        message: `expected a peak rate (× busiest hour × spikes) of at most ${L.ordersPerHour} orders an hour, not ${peak}`,
      });
    const capProblem = hoursCapProblem(s.workshops);
    if (capProblem)
      ctx.addIssue({
        code: 'custom',
        path: ['workshops', 'maxHoursPerWorkerDay'],
        message: capProblem,
      });
    s.categories.forEach((c, i) => {
      const top = topUnitCents(s, c);
      if (!(top <= L.unitCents))
        ctx.addIssue({
          code: 'custom',
          path: ['categories', i],
          message: `expected prices of at most ${L.unitCents} cents a unit (what a listing holds), but they reach ${top}`,
        });
    });
  });

/**
 * A cap on hours per worker-day must leave room for the regular shifts it caps: the day
 * shift, and the night crew's shift where workshops run one (the rest of the 24 hours).
 */
function hoursCapProblem(w: Scenario['workshops']): string | null {
  const cap = w.maxHoursPerWorkerDay;
  if (cap === undefined) return null;
  const day = w.dayShift.end - w.dayShift.start;
  if (cap < day)
    return `expected at least the day shift's ${day} hours (dayShift ${w.dayShift.start}–${w.dayShift.end}): a cap shortens overtime, not the regular shift`;
  if (w.nightShiftShare > 0 && cap < 24 - day)
    return `expected at least the night shift's ${24 - day} hours (the 24 hours outside dayShift ${w.dayShift.start}–${w.dayShift.end}), since nightShiftShare is ${w.nightShiftShare}`;
  return null;
}

/**
 * The highest per-unit price the model can make for a category: a shop's listing, at its
 * highest margin, over the dearest of the unit cost, the first sourcing cost (cost at the
 * starting mark-up) and what a winning bid may reach (the consumer's ceiling, raised for
 * the second round). Every price on the wire is at most this.
 */
function topUnitCents(s: Scenario, c: Category): number {
  const cost = unitCostCents(c, s.workshops, s.demand.quantity.min);
  const firstSourcing = cost * (1 + s.workshops.markup.start);
  const bidCeiling =
    c.referencePriceCents * s.demand.ceilingFactor.max * (1 + s.shops.secondRoundRaise);
  return Math.round(
    (Math.max(cost, firstSourcing, bidCeiling) * (1 + s.shops.margin.max)) /
      (1 - Math.min(0.99, platformFeeRate(s.payments))),
  );
}

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
