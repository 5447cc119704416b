import { scheduleProduction, type Shift } from './calendar';
import { HOUR_MS } from './time';

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
