/** A workshop's side of the contest: what a unit costs it, whether and what it bids. */
import {
  productionFinishMs,
  scheduleProduction,
  workingMsBetween,
  type ProductionPlan,
} from './calendar';
import { revise, valueAsOf, type Revision } from './as-of';
import type { Category, Scenario } from './scenario';
import { HOUR_MS, MINUTE_MS } from './time';

export interface Workshop {
  id: number;
  category: number;
  lines: number;
  /** Workers in one crew (one crew per shift). */
  crew: number;
  nightShift: boolean;
  markup: number;
  /** When the last job it has taken on will be finished. */
  busyUntilMs: number;
  /** Its customers' rating (stars, a running average) and how many ratings made it. */
  rating: number;
  ratingsReceived: number;
  /**
   * Its minutes per unit as a share of the category's: 1 for a manual workshop, less for
   * an automated one (scenario.workshops.automation). Set-up minutes are not shortened.
   */
  minutesFactor: number;
  /**
   * The last minutes' writes of its queue end and its rating (slots QUEUE and RATING):
   * an invitation sees both as they stood at its own time (see as-of.ts).
   */
  revisions: Revision[];
  /** A time at or after every write in `revisions` (see as-of.ts). */
  revisedToMs: number;
}

/** The slots of a workshop's revisions. */
export const QUEUE = 0;
export const RATING = 1;

type WorkshopParams = Scenario['workshops'];

/**
 * Material plus the crew's wages for one unit of an order of `quantity`: the order's
 * set-up is spread over its units, so small customised orders cost more a unit. A workshop
 * whose machines take `minutesFactor` of the category's minutes a unit pays for that many.
 */
export function unitCostCents(
  category: Category,
  params: WorkshopParams,
  quantity: number,
  minutesFactor = 1,
): number {
  const minutes =
    category.minutesPerUnit * minutesFactor + (params.setupMinutesPerOrder ?? 0) / quantity;
  const labourCents = (params.wageCentsPerHour * params.workersPerLine * minutes) / 60;
  return Math.round(category.materialCents + labourCents);
}

/**
 * Line-minutes an order takes: its set-up, then its units, each at `minutesFactor` of the
 * category's minutes.
 */
export function workMinutes(
  category: Category,
  quantity: number,
  params: WorkshopParams,
  minutesFactor = 1,
): number {
  return (params.setupMinutesPerOrder ?? 0) + quantity * category.minutesPerUnit * minutesFactor;
}

/** Wall time the whole workshop needs for a job (all lines work on it). */
export function workMs(
  category: Category,
  quantity: number,
  lines: number,
  params: WorkshopParams,
  minutesFactor = 1,
): number {
  return Math.ceil((workMinutes(category, quantity, params, minutesFactor) * MINUTE_MS) / lines);
}

/**
 * The workshop as it stood at `nowMs`: itself, or (when a later award or rating was
 * already applied) a copy with the queue end and rating it had then.
 */
export function workshopAsOf(workshop: Workshop, nowMs: number): Workshop {
  if (nowMs >= workshop.revisedToMs) return workshop;
  const busyUntilMs = valueAsOf(workshop, QUEUE, workshop.busyUntilMs, nowMs);
  const rating = valueAsOf(workshop, RATING, workshop.rating, nowMs);
  if (busyUntilMs === workshop.busyUntilMs && rating === workshop.rating) return workshop;
  return { ...workshop, busyUntilMs, rating };
}

/** Takes on a job that ends at `finishMs`, awarded at `nowMs`. */
export function takeAward(workshop: Workshop, nowMs: number, finishMs: number): void {
  revise(workshop, nowMs, QUEUE, workshop.busyUntilMs);
  workshop.busyUntilMs = finishMs;
}

/**
 * The work queued ahead of a new job, in hours of the workshop's own working time: a
 * day-shift workshop's night is not queue (it would otherwise look busy every evening),
 * a night-shift workshop works every hour. Overtime booked at night is not counted
 * either: the backlog says how long the regular calendar needs to catch up.
 */
export function backlogHours(workshop: Workshop, nowMs: number, params: WorkshopParams): number {
  if (workshop.busyUntilMs <= nowMs) return 0;
  return (
    workingMsBetween(nowMs, workshop.busyUntilMs, params.dayShift, workshop.nightShift) / HOUR_MS
  );
}

/**
 * The mark-up adapts to the queue: a workshop with more than its healthy backlog asks
 * more, an idle one asks less — hard competition shows up as idleness.
 */
export function adaptMarkup(markup: number, backlog: number, params: WorkshopParams): number {
  const { min, max, step } = params.markup;
  const next = backlog > params.targetBacklogHours ? markup + step : markup - step;
  return Math.min(max, Math.max(min, next));
}

/**
 * Plans a job on the workshop's calendar: regular hours first, and nights as overtime
 * when the backlog is long or regular hours would miss `readyByMs` (overtime up to the
 * scenario's cap on hours per worker-day, if it sets one).
 */
export function planJob(
  workshop: Workshop,
  nowMs: number,
  jobMs: number,
  readyByMs: number,
  params: WorkshopParams,
): ProductionPlan & { overtimeNeeded: boolean } {
  const from = Math.max(nowMs, workshop.busyUntilMs);
  const longQueue = backlogHours(workshop, nowMs, params) > params.overtimeBacklogHours;
  const cap = params.maxHoursPerWorkerDay;
  const regular = scheduleProduction(
    from,
    jobMs,
    params.dayShift,
    workshop.nightShift,
    workshop.nightShift || longQueue,
    cap,
  );
  if (regular.finishMs <= readyByMs || workshop.nightShift || longQueue) {
    return { ...regular, overtimeNeeded: longQueue && !workshop.nightShift };
  }
  return {
    ...scheduleProduction(from, jobMs, params.dayShift, false, true, cap),
    overtimeNeeded: true,
  };
}

/**
 * The finish time planJob would give, without building the plan: a bid decision needs
 * only this, and it is taken for every invitation.
 */
export function jobFinishMs(
  workshop: Workshop,
  nowMs: number,
  jobMs: number,
  readyByMs: number,
  params: WorkshopParams,
): number {
  const from = Math.max(nowMs, workshop.busyUntilMs);
  const longQueue = backlogHours(workshop, nowMs, params) > params.overtimeBacklogHours;
  // A night-shift workshop's crews work their own shifts: the cap stretches no overtime.
  const cap = workshop.nightShift ? undefined : params.maxHoursPerWorkerDay;
  const regular = productionFinishMs(
    from,
    jobMs,
    params.dayShift,
    workshop.nightShift || longQueue,
    cap,
  );
  if (regular <= readyByMs || workshop.nightShift || longQueue) return regular;
  return productionFinishMs(from, jobMs, params.dayShift, true, cap);
}

export interface BidDecision {
  unitPriceCents: number;
  unitCostCents: number;
  markup: number;
  readyAtMs: number;
}

/**
 * Bids only if the queue lets it finish by `readyByMs`, at cost plus mark-up, shaded
 * down to the ceiling if that still leaves the least mark-up it accepts.
 */
export function decideBid(
  workshop: Workshop,
  category: Category,
  quantity: number,
  maxUnitCents: number,
  readyByMs: number,
  nowMs: number,
  params: WorkshopParams,
): BidDecision | null {
  const finishMs = jobFinishMs(
    workshop,
    nowMs,
    workMs(category, quantity, workshop.lines, params, workshop.minutesFactor),
    readyByMs,
    params,
  );
  if (finishMs > readyByMs) return null;
  const cost = unitCostCents(category, params, quantity, workshop.minutesFactor);
  const asked = Math.round(cost * (1 + workshop.markup));
  const floor = Math.round(cost * (1 + params.markup.min));
  const price = Math.min(asked, maxUnitCents);
  if (price < floor) return null;
  return {
    unitPriceCents: price,
    unitCostCents: cost,
    markup: price / cost - 1,
    readyAtMs: finishMs,
  };
}
