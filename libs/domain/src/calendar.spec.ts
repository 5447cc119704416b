import { productionFinishMs, scheduleProduction, type Shift } from './calendar';
import { Rng } from './rng';
import { DAY_MS, HOUR_MS } from './time';

const dayShift: Shift = { start: 8, end: 20 };
const at = (hour: number) => hour * HOUR_MS;
const span = (from: number, to: number, overtime = false) => ({
  fromMs: at(from),
  toMs: at(to),
  overtime,
});

/** A day-shift workshop working regular hours only. */
const regular = (fromHour: number, workHours: number) =>
  scheduleProduction(at(fromHour), at(workHours), dayShift, false, false);

describe('scheduleProduction', () => {
  it('finishes a job that fits in the day shift the same day', () => {
    // 09:00 + 3 h = 12:00
    expect(regular(9, 3)).toEqual({ startMs: at(9), finishMs: at(12), spans: [span(9, 12)] });
  });

  it('stops at the end of the shift and finishes the job next morning', () => {
    // 18:00–20:00 is 2 h; the other 3 h run 08:00–11:00 on day 1 (hours 32–35)
    expect(regular(18, 5)).toEqual({
      startMs: at(18),
      finishMs: at(35),
      spans: [span(18, 20), span(32, 35)],
    });
  });

  it('waits for the shift to open when work arrives before dawn', () => {
    expect(regular(5, 1)).toEqual({ startMs: at(8), finishMs: at(9), spans: [span(8, 9)] });
  });

  it('treats the end of the shift as closed: work arriving at 20:00 starts next morning', () => {
    expect(regular(20, 1)).toEqual({ startMs: at(32), finishMs: at(33), spans: [span(32, 33)] });
  });

  it('lays a long job over several days of regular hours', () => {
    // 30 h from 08:00: 12 h on day 0, 12 h on day 1, 6 h on day 2 (08:00–14:00 = hours 56–62)
    expect(regular(8, 30).spans).toEqual([span(8, 20), span(32, 44), span(56, 62)]);
  });

  it('works nights as overtime for a day-shift workshop working round the clock', () => {
    // 18:00–20:00 regular, 20:00–23:00 overtime
    const plan = scheduleProduction(at(18), at(5), dayShift, false, true);
    expect(plan).toEqual({
      startMs: at(18),
      finishMs: at(23),
      spans: [span(18, 20), span(20, 23, true)],
    });
  });

  it('flags only the night hours as overtime when a job runs through the night into the day', () => {
    // 16 h from 18:00: 2 h regular, 20:00–08:00 overtime (12 h), 08:00–10:00 regular (2 h)
    const plan = scheduleProduction(at(18), at(16), dayShift, false, true);
    expect(plan.spans).toEqual([span(18, 20), span(20, 32, true), span(32, 34)]);
    expect(plan.finishMs).toBe(at(34));
  });

  it('starts overtime straight away for work arriving at night', () => {
    // 02:00–05:00 overtime, before the shift opens
    const plan = scheduleProduction(at(2), at(3), dayShift, false, true);
    expect(plan).toEqual({ startMs: at(2), finishMs: at(5), spans: [span(2, 5, true)] });
  });

  it('never flags a night-shift workshop’s nights as overtime', () => {
    // Same 16 h from 18:00, worked by two crews: one unbroken regular span
    const plan = scheduleProduction(at(18), at(16), dayShift, true, true);
    expect(plan).toEqual({ startMs: at(18), finishMs: at(34), spans: [span(18, 34)] });
  });

  it('has nothing to do for a job of no work', () => {
    expect(regular(21, 0)).toEqual({ startMs: at(21), finishMs: at(21), spans: [] });
  });

  it('counts a fraction of a millisecond of work as a whole millisecond', () => {
    const plan = scheduleProduction(at(9), 1000.2, dayShift, false, false);
    expect(plan.finishMs).toBe(at(9) + 1001); // ⌈1 000.2⌉
  });
});

describe('a cap on hours per worker-day (overtime until the day shift’s start + cap)', () => {
  /** A day-shift workshop on overtime, capped at `cap` hours from 08:00. */
  const capped = (fromHour: number, workHours: number, cap: number) =>
    scheduleProduction(at(fromHour), at(workHours), dayShift, false, true, cap);

  it('stops overtime at start + cap each day and goes on next morning', () => {
    // Cap 14: 08:00–22:00. 20 h from 18:00: 18–20 regular, 20–22 overtime, then day 1
    // 08–20 regular (hours 32–44), 20–22 overtime (44–46), day 2 08:00–10:00 (56–58).
    expect(capped(18, 20, 14)).toEqual({
      startMs: at(18),
      finishMs: at(58),
      spans: [span(18, 20), span(20, 22, true), span(32, 44), span(44, 46, true), span(56, 58)],
    });
  });

  it('waits for the day to open when work arrives after the cap, and before dawn', () => {
    expect(capped(23, 1, 14)).toEqual({ startMs: at(32), finishMs: at(33), spans: [span(32, 33)] });
    expect(capped(3, 1, 14)).toEqual({ startMs: at(8), finishMs: at(9), spans: [span(8, 9)] });
  });

  it('lets overtime run past midnight when start + cap does', () => {
    // Cap 20: 08:00–04:00. 10 h from 18:00: 18–20 regular, 20–04 overtime (8 h).
    expect(capped(18, 10, 20).spans).toEqual([span(18, 20), span(20, 28, true)]);
  });

  it('works no overtime with a cap of the day shift’s length', () => {
    expect(capped(18, 5, 12)).toEqual(regular(18, 5));
  });

  it('is round the clock with a cap of 24 h, or none', () => {
    const none = scheduleProduction(at(18), at(16), dayShift, false, true);
    expect(capped(18, 16, 24)).toEqual(none);
    expect(none.spans).toEqual([span(18, 20), span(20, 32, true), span(32, 34)]);
  });

  it('leaves a night-shift workshop’s two crews round the clock', () => {
    const plan = scheduleProduction(at(18), at(16), dayShift, true, true, 14);
    expect(plan).toEqual({ startMs: at(18), finishMs: at(34), spans: [span(18, 34)] });
  });

  it('never books a day over the cap, whatever the job', () => {
    const rng = new Rng(5, 'cap-days');
    for (let i = 0; i < 500; i++) {
      const cap = rng.int(12, 23);
      const plan = scheduleProduction(
        rng.int(0, 72 * HOUR_MS),
        rng.int(0, 60 * HOUR_MS),
        dayShift,
        false,
        true,
        cap,
      );
      const byDay = new Map<number, number>();
      for (const s of plan.spans) {
        // Days open at 08:00; a span never crosses one's close.
        const day = Math.floor((s.fromMs - at(8)) / DAY_MS);
        expect(Math.floor((s.toMs - 1 - at(8)) / DAY_MS)).toBe(day);
        byDay.set(day, (byDay.get(day) ?? 0) + s.toMs - s.fromMs);
      }
      for (const ms of byDay.values()) expect(ms).toBeLessThanOrEqual(at(cap));
    }
  });
});

describe('productionFinishMs (the fast path)', () => {
  it('equals the finish time of scheduleProduction for random jobs, with and without a cap', () => {
    const rng = new Rng(7, 'finish');
    for (let i = 0; i < 5000; i++) {
      const shift: Shift = { start: rng.int(0, 12), end: 0 };
      shift.end = shift.start + rng.int(1, 12);
      const nightShift = rng.chance(0.3);
      const roundTheClock = nightShift || rng.chance(0.5);
      const dayLength = shift.end - shift.start;
      const cap = rng.chance(0.3) ? undefined : rng.uniform(dayLength, 24.5);
      const fromMs = rng.int(0, 96 * HOUR_MS);
      const workMs = rng.uniform(0, 48 * HOUR_MS);
      // As jobFinishMs calls it: a night-shift workshop's crews are not capped.
      expect(
        productionFinishMs(fromMs, workMs, shift, roundTheClock, nightShift ? undefined : cap),
      ).toBe(scheduleProduction(fromMs, workMs, shift, nightShift, roundTheClock, cap).finishMs);
    }
  });

  it('is unchanged without a cap: round the clock is the work itself', () => {
    expect(productionFinishMs(at(18), at(16), dayShift, true)).toBe(at(34));
    expect(productionFinishMs(at(18), at(5), dayShift, false)).toBe(at(35));
  });
});
