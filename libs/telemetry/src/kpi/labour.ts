/**
 * Labour accounting of a run: hours per worker-day as a distribution (idle days included),
 * the wage bill and what is left to the workshops' owners. A fold over events that adds up
 * across pieces, like the rest of the KPIs: per crew and day, the time worked and the time
 * worked at night; per run, the workshops' revenue and material.
 *
 * A worker-day is one crew of one workshop on one day. Days open at the day shift's start
 * (not at midnight), so a day crew's evening overtime counts with the day it follows and a
 * night crew's shift (dayShift.end to the next dayShift.start) lies within one day. The
 * window is `windowDays` such days from the first dayShift.start after the warm-up: work
 * before it (the first night, the warm-up) belongs to no day in the window. Night is outside [dayShift.start,
 * dayShift.end): the night crew's regular hours and the day crew's overtime alike.
 */
import { DAY_MS, HOUR_MS, type AnyEvent, type Scenario, type Workshop } from '@weft/domain';

type Scheduled = Extract<AnyEvent, { type: 'ProductionScheduled' }>['data'];
type Awarded = Extract<AnyEvent, { type: 'BidAwarded' }>['data'];

const DAY_CREW = 0;
const NIGHT_CREW = 1;
const CREW_NAMES = ['day', 'night'] as const;
/** Hours per worker-day above which a day counts as long (8 h and 3 h of overtime). */
const LONG_DAY_HOURS = 11;
/** The histogram's 1-hour bins: [0, 1) … [23, 24]; idle days fall in the first. */
const HISTOGRAM_BINS = 24;

export interface HoursPerWorkerDay {
  /** Worker-days in the window: every crew's worker × every day, idle ones included. */
  workerDays: number;
  /** Hours worked by every worker in those days. */
  workerHours: number;
  /** Hours worked per worker-day: mean and quantiles, each worker-day counted once. */
  mean: number;
  p50: number;
  p90: number;
  /** Share of worker-days with more than 11 hours of work. */
  over11hShare: number;
  /** Share of worker-days without any work. */
  idleShare: number;
  /** Share of worker-hours worked at night (outside the day shift). */
  nightShare: number;
  /** Share of worker-days with any work at night. */
  nightWorkerDayShare: number;
  /** Worker-days by hours worked, in 1-hour bins from [0, 1) to [23, 24]. */
  histogram: number[];
}

export class LabourFold {
  /** Crew time worked, in ms, by (workshop, day, crew) index; only what was touched. */
  readonly workedMs = new Map<number, number>();
  readonly nightMs = new Map<number, number>();
  /** What workshops were paid for every job awarded (price × quantity), and its material. */
  revenueCents = 0;
  materialCents = 0;
  private readonly openMs: number;
  private readonly regularMs: number;
  private readonly untilMs: number;

  constructor(
    private readonly scenario: Scenario,
    readonly windowDays: number,
    /** Where the window starts: after the warm-up days. */
    fromMs = 0,
  ) {
    const shift = scenario.workshops.dayShift;
    this.openMs = fromMs + shift.start * HOUR_MS;
    this.regularMs = (shift.end - shift.start) * HOUR_MS;
    this.untilMs = this.openMs + windowDays * DAY_MS;
  }

  /** A job paid for: an award, or a wholesaler's batch at its contract price. */
  onAward(d: Pick<Awarded, 'unitPriceCents' | 'quantity' | 'category'>): void {
    this.revenueCents += d.unitPriceCents * d.quantity;
    this.materialCents += (this.scenario.categories[d.category]?.materialCents ?? 0) * d.quantity;
  }

  /** Splits each span of the job at day and night boundaries, onto its crew and day. */
  onProduction(d: Scheduled): void {
    const base = d.workshopId * this.windowDays;
    for (const span of d.spans) {
      const toMs = Math.min(span.toMs, this.untilMs);
      let t = Math.max(span.fromMs, this.openMs);
      while (t < toMs) {
        const sinceOpen = t - this.openMs;
        const day = Math.floor(sinceOpen / DAY_MS);
        const sinceDay = sinceOpen - day * DAY_MS;
        const night = sinceDay >= this.regularMs;
        const next = Math.min(toMs, t - sinceDay + (night ? DAY_MS : this.regularMs));
        // A day-shift workshop's nights are its day crew's overtime; a night-shift
        // workshop's are its night crew's regular hours (spans not flagged overtime).
        const crew = night && !span.overtime ? NIGHT_CREW : DAY_CREW;
        const key = (base + day) * 2 + crew;
        this.workedMs.set(key, (this.workedMs.get(key) ?? 0) + (next - t));
        if (night) this.nightMs.set(key, (this.nightMs.get(key) ?? 0) + (next - t));
        t = next;
      }
    }
  }

  /** The fold as named counters: `wd.<workshop>.<day>.<crew>` (ms worked), `wn.…` (at night). */
  *counters(): IterableIterator<[string, number]> {
    if (this.revenueCents !== 0) yield ['lb.revenueCents', this.revenueCents];
    if (this.materialCents !== 0) yield ['lb.materialCents', this.materialCents];
    for (const [key, ms] of this.workedMs) if (ms !== 0) yield [`wd.${this.keyName(key)}`, ms];
    for (const [key, ms] of this.nightMs) if (ms !== 0) yield [`wn.${this.keyName(key)}`, ms];
  }

  /** Adds one counter of `counters` (its kind and the rest of its name); false if not ours. */
  add(kind: string, rest: string, value: number): boolean {
    if (kind === 'lb') {
      if (rest === 'revenueCents') this.revenueCents += value;
      else if (rest === 'materialCents') this.materialCents += value;
      else return false;
      return true;
    }
    if (kind !== 'wd' && kind !== 'wn') return false;
    const [w, d, crewName] = rest.split('.');
    const crew = CREW_NAMES.indexOf(crewName as (typeof CREW_NAMES)[number]);
    const day = Number(d);
    if (crew < 0 || !Number.isInteger(day) || day < 0 || day >= this.windowDays) return false;
    const key = (Number(w) * this.windowDays + day) * 2 + crew;
    if (!Number.isInteger(key) || key < 0) return false;
    const map = kind === 'wd' ? this.workedMs : this.nightMs;
    map.set(key, (map.get(key) ?? 0) + value);
    return true;
  }

  clear(): void {
    this.workedMs.clear();
    this.nightMs.clear();
    this.revenueCents = 0;
    this.materialCents = 0;
  }

  private keyName(key: number): string {
    const crew = key % 2;
    const cell = (key - crew) / 2;
    const day = cell % this.windowDays;
    return `${(cell - day) / this.windowDays}.${day}.${CREW_NAMES[crew]}`;
  }
}

const r4 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : 0);
const div = (a: number, b: number) => (b > 0 ? a / b : 0);

/**
 * Hours per worker-day over every crew of every workshop on every day of the window, each
 * weighted by its workers; a day without a counter is an idle day (0 h). Quantiles are the
 * least hours that reach the share of worker-days asked for.
 */
export function hoursPerWorkerDay(
  fold: LabourFold,
  workshops: readonly Pick<Workshop, 'id' | 'crew' | 'nightShift'>[],
): HoursPerWorkerDay {
  const days = fold.windowDays;
  const hours: number[] = [];
  const weights: number[] = [];
  let workers = 0;
  let workerHours = 0;
  let nightWorkerHours = 0;
  let over11 = 0;
  let idle = 0;
  let nightDays = 0;
  const histogram = new Array<number>(HISTOGRAM_BINS).fill(0);
  for (const w of workshops) {
    for (let crew = DAY_CREW; crew <= (w.nightShift ? NIGHT_CREW : DAY_CREW); crew++) {
      for (let day = 0; day < days; day++) {
        const key = (w.id * days + day) * 2 + crew;
        const h = (fold.workedMs.get(key) ?? 0) / HOUR_MS;
        const night = (fold.nightMs.get(key) ?? 0) / HOUR_MS;
        hours.push(h);
        weights.push(w.crew);
        workers += w.crew;
        workerHours += h * w.crew;
        nightWorkerHours += night * w.crew;
        if (h > LONG_DAY_HOURS) over11 += w.crew;
        if (h === 0) idle += w.crew;
        if (night > 0) nightDays += w.crew;
        const bin = Math.min(HISTOGRAM_BINS - 1, Math.floor(h));
        histogram[bin] = (histogram[bin] ?? 0) + w.crew;
      }
    }
  }
  const order = hours.map((_, i) => i).sort((a, b) => (hours[a] ?? 0) - (hours[b] ?? 0));
  const quantile = (q: number) => {
    let seen = 0;
    for (const i of order) {
      seen += weights[i] ?? 0;
      if (seen >= q * workers) return r4(hours[i] ?? 0);
    }
    return 0;
  };
  return {
    workerDays: workers,
    workerHours: r4(workerHours),
    mean: r4(div(workerHours, workers)),
    p50: quantile(0.5),
    p90: quantile(0.9),
    over11hShare: r4(div(over11, workers)),
    idleShare: r4(div(idle, workers)),
    nightShare: r4(div(nightWorkerHours, workerHours)),
    nightWorkerDayShare: r4(div(nightDays, workers)),
    histogram,
  };
}
