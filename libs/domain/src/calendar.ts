/**
 * Production on a 24-hour shift calendar. Day-shift workshops work [dayStart, dayEnd);
 * night-shift workshops work round the clock with a second crew; a day-shift workshop
 * also works nights, as overtime, when its backlog is long or a deadline asks for it —
 * round the clock, or, where the scenario caps hours per worker-day, only until the day
 * shift's start plus the cap.
 */
import { DAY_MS, HOUR_MS } from './time';

export interface Shift {
  start: number;
  end: number;
}

export interface ProductionSpan {
  fromMs: number;
  toMs: number;
  overtime: boolean;
}

export interface ProductionPlan {
  startMs: number;
  finishMs: number;
  spans: ProductionSpan[];
}

function inDayShift(simMs: number, shift: Shift): boolean {
  const h = (simMs % DAY_MS) / HOUR_MS;
  return h >= shift.start && h < shift.end;
}

/** The next instant after `simMs` at which the day shift starts or ends (no allocation: hot path). */
function nextBoundary(simMs: number, shift: Shift): number {
  const dayStartMs = simMs - (simMs % DAY_MS);
  const startMs = dayStartMs + shift.start * HOUR_MS;
  const endMs = dayStartMs + shift.end * HOUR_MS;
  if (startMs > simMs) return startMs;
  if (endMs > simMs) return endMs;
  return startMs + DAY_MS;
}

/**
 * Working time in [fromMs, toMs): every hour round the clock, or only the day shift's
 * hours (no allocation: asked for every invitation).
 */
export function workingMsBetween(
  fromMs: number,
  toMs: number,
  shift: Shift,
  roundTheClock: boolean,
): number {
  if (toMs <= fromMs) return 0;
  if (roundTheClock) return toMs - fromMs;
  let t = fromMs;
  let worked = 0;
  while (t < toMs) {
    const boundary = Math.min(nextBoundary(t, shift), toMs);
    if (inDayShift(t, shift)) worked += boundary - t;
    t = boundary;
  }
  return worked;
}

/**
 * When `workMs` of work started at `fromMs` is done: the same walk as scheduleProduction
 * without recording spans, for the many bid decisions that only need the finish time.
 * `overtimeCapHours` is a day-shift workshop's cap; a night-shift workshop passes none.
 */
export function productionFinishMs(
  fromMs: number,
  workMs: number,
  shift: Shift,
  roundTheClock: boolean,
  overtimeCapHours?: number,
): number {
  if (roundTheClock && overtimeCapped(overtimeCapHours))
    return cappedFinishMs(fromMs, workMs, shift, overtimeCapHours);
  if (roundTheClock) return fromMs + Math.ceil(workMs);
  let t = fromMs;
  let remaining = Math.ceil(workMs);
  while (remaining > 0) {
    const boundary = nextBoundary(t, shift);
    if (!inDayShift(t, shift)) {
      t = boundary;
      continue;
    }
    const end = Math.min(t + remaining, boundary);
    remaining -= end - t;
    t = end;
  }
  return t;
}

/**
 * Lays `workMs` of work out from `fromMs` over the calendar. `roundTheClock` says whether
 * nights are worked (always by a night-shift workshop; as overtime by a day-shift one);
 * `overtimeCapHours` ends a day-shift workshop's overtime at the day shift's start plus
 * that many hours (a night-shift workshop's two crews work their own shifts, uncapped).
 */
export function scheduleProduction(
  fromMs: number,
  workMs: number,
  shift: Shift,
  nightShift: boolean,
  roundTheClock: boolean,
  overtimeCapHours?: number,
): ProductionPlan {
  if (roundTheClock && !nightShift && overtimeCapped(overtimeCapHours))
    return scheduleCapped(fromMs, workMs, shift, overtimeCapHours);
  const spans: ProductionSpan[] = [];
  let t = fromMs;
  let remaining = Math.ceil(workMs);
  let startMs = -1;
  // A job is at most a few days of work, so this loop runs a handful of times.
  while (remaining > 0) {
    const day = inDayShift(t, shift);
    const boundary = nextBoundary(t, shift);
    if (!day && !roundTheClock) {
      t = boundary;
      continue;
    }
    const end = Math.min(t + remaining, boundary);
    const overtime = !day && !nightShift;
    if (startMs < 0) startMs = t;
    appendSpan(spans, t, end, overtime);
    remaining -= end - t;
    t = end;
  }
  return { startMs: startMs < 0 ? fromMs : startMs, finishMs: t, spans };
}

/** Adds work from `fromMs` to `toMs`, extending the last span where it runs on unchanged. */
function appendSpan(
  spans: ProductionSpan[],
  fromMs: number,
  toMs: number,
  overtime: boolean,
): void {
  const last = spans[spans.length - 1];
  if (last && last.toMs === fromMs && last.overtime === overtime) last.toMs = toMs;
  else spans.push({ fromMs, toMs, overtime });
}

/** Whether a cap on hours shortens overtime at all (24 h or more is round the clock). */
function overtimeCapped(capHours: number | undefined): capHours is number {
  return capHours !== undefined && capHours < 24;
}

/**
 * Milliseconds since the working day opened: a day opens at the day shift's start, so a
 * day shift's evening overtime belongs to the day it follows.
 */
function sinceDayOpened(simMs: number, shift: Shift): number {
  const r = (simMs - shift.start * HOUR_MS) % DAY_MS;
  return r < 0 ? r + DAY_MS : r;
}

/**
 * productionFinishMs for a day-shift workshop on capped overtime: it works from the day
 * shift's start for `capHours` each day (no allocation: hot path).
 */
function cappedFinishMs(fromMs: number, workMs: number, shift: Shift, capHours: number): number {
  const openMs = Math.round(capHours * HOUR_MS);
  let t = fromMs;
  let remaining = Math.ceil(workMs);
  while (remaining > 0) {
    const since = sinceDayOpened(t, shift);
    if (since >= openMs) {
      t += DAY_MS - since;
      continue;
    }
    const end = Math.min(t + remaining, t + openMs - since);
    remaining -= end - t;
    t = end;
  }
  return t;
}

/**
 * scheduleProduction for a day-shift workshop on capped overtime: regular hours, then
 * overtime until the day shift's start plus `capHours`, then closed until the next start.
 */
function scheduleCapped(
  fromMs: number,
  workMs: number,
  shift: Shift,
  capHours: number,
): ProductionPlan {
  const regularMs = (shift.end - shift.start) * HOUR_MS;
  const openMs = Math.round(capHours * HOUR_MS);
  const spans: ProductionSpan[] = [];
  let t = fromMs;
  let remaining = Math.ceil(workMs);
  let startMs = -1;
  while (remaining > 0) {
    const since = sinceDayOpened(t, shift);
    if (since >= openMs) {
      t += DAY_MS - since;
      continue;
    }
    const overtime = since >= regularMs;
    const end = Math.min(t + remaining, t + (overtime ? openMs : regularMs) - since);
    if (startMs < 0) startMs = t;
    appendSpan(spans, t, end, overtime);
    remaining -= end - t;
    t = end;
  }
  return { startMs: startMs < 0 ? fromMs : startMs, finishMs: t, spans };
}
