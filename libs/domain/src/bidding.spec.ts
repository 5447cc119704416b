import { FORGET_AFTER, REVISION_MEMORY_MS, revise } from './as-of';
import {
  RATING,
  adaptMarkup,
  backlogHours,
  decideBid,
  jobFinishMs,
  planJob,
  takeAward,
  unitCostCents,
  workMinutes,
  workMs,
  workshopAsOf,
  type Workshop,
} from './bidding';
import { aScenario } from '../test/a-scenario';
import { Rng } from './rng';
import type { Category, Scenario } from './scenario';
import { HOUR_MS, MINUTE_MS } from './time';

type WorkshopParams = Scenario['workshops'];

const at = (hour: number) => hour * HOUR_MS;

/** The default scenario's workshop parameters: 600 c/h, 1.5 workers a line, day 08–20. */
function workshopParams(overrides: Partial<WorkshopParams> = {}): WorkshopParams {
  return { ...aScenario().workshops, setupMinutesPerOrder: 0, ...overrides };
}

/** A t-shirt: 600 c of material, 6 machine minutes. */
function aCategory(overrides: Partial<Category> = {}): Category {
  return {
    name: 't-shirt',
    share: 1,
    materialCents: 600,
    minutesPerUnit: 6,
    referencePriceCents: 1200,
    ...overrides,
  };
}

/** An idle day-shift workshop with two lines at the starting mark-up. */
function aWorkshop(overrides: Partial<Workshop> = {}): Workshop {
  return {
    id: 1,
    category: 0,
    lines: 2,
    crew: 3,
    nightShift: false,
    markup: 0.25,
    rating: 4,
    ratingsReceived: 0,
    minutesFactor: 1,
    busyUntilMs: 0,
    revisions: [],
    revisedToMs: 0,
    ...overrides,
  };
}

describe('unitCostCents', () => {
  it('adds the crew’s wages for a unit’s minutes to its material', () => {
    // 600 + 600 c/h × 1.5 × 6/60 h = 690
    expect(unitCostCents(aCategory(), workshopParams(), 1)).toBe(690);
    // hoodie: 1 500 + 600 × 1.5 × 15/60 = 1 725
    expect(
      unitCostCents(aCategory({ materialCents: 1500, minutesPerUnit: 15 }), workshopParams(), 3),
    ).toBe(1725);
  });

  it('costs in whole cents, rounding the labour to the nearest', () => {
    // 600 + 610 c/h × 1.5 × 6/60 h = 600 + 91.5 = 691.5, half up
    expect(unitCostCents(aCategory(), workshopParams({ wageCentsPerHour: 610 }), 2)).toBe(692);
  });

  it('spreads an order’s set-up over its units', () => {
    const p = workshopParams({ setupMinutesPerOrder: 4 });
    // 600 + 600 × 1.5 × (6 + 4/1)/60 = 750; over 4 units: 600 + 600 × 1.5 × 7/60 = 705
    expect(unitCostCents(aCategory(), p, 1)).toBe(750);
    expect(unitCostCents(aCategory(), p, 4)).toBe(705);
  });
});

describe('an automated workshop (fewer minutes a unit)', () => {
  const p = workshopParams({ setupMinutesPerOrder: 4 });

  it('pays for the factor of a unit’s minutes, and for the whole set-up', () => {
    // 600 + 600 × 1.5 × (6 × 0.5 + 4/2)/60 = 600 + 75 = 675; by hand (6 + 2) min: 720
    expect(unitCostCents(aCategory(), p, 2, 0.5)).toBe(675);
    expect(unitCostCents(aCategory(), p, 2)).toBe(720);
  });

  it('takes the factor of the units’ minutes on its lines, set-up as long as by hand', () => {
    // (4 + 4 × 6 × 0.25) min / 2 lines = 5 min; by hand (4 + 24) / 2 = 14 min
    expect(workMs(aCategory(), 4, 2, p, 0.25)).toBe(5 * MINUTE_MS);
    expect(workMinutes(aCategory(), 4, p, 0.25)).toBe(10);
  });

  it('bids its lower cost at the same mark-up, and promises an earlier finish', () => {
    const nowMs = at(9);
    const byHand = decideBid(aWorkshop(), aCategory(), 4, 5000, at(48), nowMs, p);
    const automated = decideBid(
      aWorkshop({ minutesFactor: 0.5 }),
      aCategory(),
      4,
      5000,
      at(48),
      nowMs,
      p,
    );
    // By hand: 600 + 900 × (6 + 1)/60 = 705, × 1.25 = 881.25 → 881; (4 + 24)/2 = 14 min.
    // Automated: 600 + 900 × (3 + 1)/60 = 660, × 1.25 = 825; (4 + 12)/2 = 8 min.
    expect(byHand).toMatchObject({ unitCostCents: 705, unitPriceCents: 881 });
    expect(automated).toMatchObject({ unitCostCents: 660, unitPriceCents: 825 });
    expect(byHand?.readyAtMs).toBe(nowMs + 14 * MINUTE_MS);
    expect(automated?.readyAtMs).toBe(nowMs + 8 * MINUTE_MS);
  });
});

describe('workMs', () => {
  it('shares a job’s machine minutes over all the workshop’s lines', () => {
    expect(workMs(aCategory(), 4, 2, workshopParams())).toBe(12 * MINUTE_MS); // 4 × 6 min / 2 lines
  });

  it('adds the order’s set-up, shared over the lines like its units', () => {
    const p = workshopParams({ setupMinutesPerOrder: 4 });
    expect(workMs(aCategory(), 4, 2, p)).toBe(14 * MINUTE_MS); // (4 + 4 × 6) min / 2 lines
  });

  it('rounds a job’s wall time up to a whole millisecond', () => {
    expect(workMs(aCategory(), 1, 7, workshopParams())).toBe(51_429); // 360 000 ms / 7 = 51 428.57…
  });
});

describe('backlogHours', () => {
  const p = workshopParams(); // day shift 8–20
  it('is the time until the workshop’s last job is done, within working hours', () => {
    expect(backlogHours(aWorkshop({ busyUntilMs: at(10) }), at(8), p)).toBe(2);
  });

  it('counts a day-shift workshop’s working time only, not its night', () => {
    // From 19:00 to 10:00 next morning: 1 h before the shift ends, 2 h after it starts.
    const w = aWorkshop({ nightShift: false, busyUntilMs: at(24 + 10) });
    expect(backlogHours(w, at(19), p)).toBe(3);
    // The same queue an hour later holds 2 h of work, though 14 clock hours remain.
    expect(backlogHours(w, at(20), p)).toBe(2);
  });

  it('counts every hour for a workshop with a night shift', () => {
    const w = aWorkshop({ nightShift: true, busyUntilMs: at(24 + 10) });
    expect(backlogHours(w, at(19), p)).toBe(15);
  });

  it('is zero for a workshop that has run out of work', () => {
    expect(backlogHours(aWorkshop({ busyUntilMs: at(5) }), at(7), p)).toBe(0);
  });
});

describe('adaptMarkup', () => {
  const params = workshopParams(); // target backlog 6 h, step 0.01, range [0.03, 0.6]

  it('asks more when the backlog is above the healthy one', () => {
    expect(adaptMarkup(0.25, 7, params)).toBeCloseTo(0.26, 12);
  });

  it('asks less when the backlog is at or below the healthy one', () => {
    expect(adaptMarkup(0.25, 6, params)).toBeCloseTo(0.24, 12);
    expect(adaptMarkup(0.25, 0, params)).toBeCloseTo(0.24, 12);
  });

  it('never asks more than the highest mark-up', () => {
    expect(adaptMarkup(0.6, 10, params)).toBe(0.6); // 0.61 clamped
    expect(adaptMarkup(0.595, 10, params)).toBe(0.6); // 0.605 clamped
  });

  it('never goes below the lowest mark-up however idle', () => {
    expect(adaptMarkup(0.03, 0, params)).toBe(0.03); // 0.02 clamped
  });
});

describe('planJob', () => {
  const params = workshopParams(); // overtime past 8 h of backlog

  it('plans regular hours when they meet the deadline', () => {
    // From 18:00, 5 h: 18–20 and 08–11 next day (hour 35), before hour 48
    const plan = planJob(aWorkshop(), at(18), at(5), at(48), params);
    expect(plan.finishMs).toBe(at(35));
    expect(plan.overtimeNeeded).toBe(false);
    expect(plan.spans.some((s) => s.overtime)).toBe(false);
  });

  it('works nights as overtime when regular hours would miss the deadline', () => {
    // Regular: done at 11:00 next day (hour 35) > midnight; with overtime 18–20 + 20–23
    const plan = planJob(aWorkshop(), at(18), at(5), at(24), params);
    expect(plan.overtimeNeeded).toBe(true);
    expect(plan.finishMs).toBe(at(23));
    expect(plan.spans).toEqual([
      { fromMs: at(18), toMs: at(20), overtime: false },
      { fromMs: at(20), toMs: at(23), overtime: true },
    ]);
  });

  it('works nights as overtime when the queue is longer than the overtime threshold', () => {
    // At 09:00 busy until 18:00: 9 h > 8 h. The job starts at 18:00 and runs on past 20:00.
    const plan = planJob(aWorkshop({ busyUntilMs: at(18) }), at(9), at(5), at(100), params);
    expect(plan.overtimeNeeded).toBe(true);
    expect(plan.startMs).toBe(at(18));
    expect(plan.finishMs).toBe(at(23));
  });

  it('keeps to regular hours with a queue exactly at the overtime threshold', () => {
    // At 09:00 busy until 17:00: 8 h, not more. 17–20 (3 h) then 08–10 next day (hour 34)
    const plan = planJob(aWorkshop({ busyUntilMs: at(17) }), at(9), at(5), at(100), params);
    expect(plan.overtimeNeeded).toBe(false);
    expect(plan.finishMs).toBe(at(34));
  });

  it('starts a job behind the workshop’s queue, not before', () => {
    const plan = planJob(aWorkshop({ busyUntilMs: at(12) }), at(9), at(1), at(100), params);
    expect(plan.startMs).toBe(at(12));
    expect(plan.finishMs).toBe(at(13));
  });

  it('lets a night-shift workshop work through the night without overtime', () => {
    const plan = planJob(aWorkshop({ nightShift: true }), at(18), at(5), at(24), params);
    expect(plan.overtimeNeeded).toBe(false);
    expect(plan.finishMs).toBe(at(23));
    expect(plan.spans).toEqual([{ fromMs: at(18), toMs: at(23), overtime: false }]);
  });

  it('returns its fastest plan, late, when even overtime cannot meet the deadline', () => {
    const plan = planJob(aWorkshop(), at(18), at(5), at(22), params);
    expect(plan.overtimeNeeded).toBe(true);
    expect(plan.finishMs).toBe(at(23));
  });
});

describe('decideBid', () => {
  const params = workshopParams();
  const tShirt = aCategory(); // costs 690 c a unit (see unitCostCents)
  // 4 t-shirts on 2 lines: 12 min of work
  const bid = (workshop: Workshop, maxUnitCents: number, readyByMs: number, nowMs = at(9)) =>
    decideBid(workshop, tShirt, 4, maxUnitCents, readyByMs, nowMs, params);

  it('bids its cost times one plus its mark-up when that is under the ceiling', () => {
    // 690 × 1.25 = 862.5 → 863; ready 09:00 + 12 min
    const decision = bid(aWorkshop(), 1000, at(48));
    expect(decision).toEqual({
      unitPriceCents: 863,
      unitCostCents: 690,
      markup: expect.closeTo(863 / 690 - 1, 12), // 0.2507…
      readyAtMs: at(9) + 12 * MINUTE_MS,
    });
  });

  it('shades its price down to the ceiling when that still leaves its least mark-up', () => {
    // asks 863 > 800; floor 690 × 1.03 = 710.7 → 711 ≤ 800
    const decision = bid(aWorkshop(), 800, at(48));
    expect(decision?.unitPriceCents).toBe(800);
    expect(decision?.markup).toBeCloseTo(800 / 690 - 1, 12); // 0.1594…
  });

  it('bids at a ceiling exactly at its floor', () => {
    expect(bid(aWorkshop(), 711, at(48))?.unitPriceCents).toBe(711);
  });

  it('declines when the ceiling is below its least mark-up', () => {
    expect(bid(aWorkshop(), 710, at(48))).toBeNull(); // 710 < 711
  });

  it('bids with an overtime finish when only overtime meets the deadline', () => {
    // From 19:50: 10 min regular, 2 min overtime → 20:02, before 20:30.
    // Regular hours alone would finish at 08:02 next day.
    const now = at(19) + 50 * MINUTE_MS;
    const decision = bid(aWorkshop(), 1000, at(20.5), now);
    expect(decision?.readyAtMs).toBe(at(20) + 2 * MINUTE_MS);
  });

  it('declines when it cannot finish in time even with overtime', () => {
    expect(bid(aWorkshop(), 1000, at(9) + 10 * MINUTE_MS)).toBeNull(); // needs 12 min
  });

  it('declines when its queue leaves no time before the deadline', () => {
    // Busy until 30:00; with overtime the job is done at 30:12, after the 30:00 deadline
    expect(bid(aWorkshop({ busyUntilMs: at(30) }), 1000, at(30))).toBeNull();
  });
});

describe('jobFinishMs (the fast path of bid decisions)', () => {
  it.each([undefined, 12, 14, 20])(
    'always agrees with the finish time of the full plan (cap %s)',
    (cap) => {
      const params = { ...aParamsForFastPath(), maxHoursPerWorkerDay: cap };
      for (let i = 0; i < 2000; i++) {
        const rng = new Rng(11, `fast:${i}`);
        const w: Workshop = {
          id: i,
          category: 0,
          lines: rng.int(1, 8),
          crew: 3,
          nightShift: rng.chance(0.3),
          markup: 0.2,
          busyUntilMs: rng.int(0, 72) * HOUR_MS + rng.int(0, 3_599_999),
          rating: 4,
          ratingsReceived: 0,
          minutesFactor: 1,
          revisions: [],
          revisedToMs: 0,
        };
        const now = rng.int(0, 72 * HOUR_MS);
        const job = rng.int(1, 30 * HOUR_MS);
        const readyBy = now + rng.int(0, 96 * HOUR_MS);
        expect(jobFinishMs(w, now, job, readyBy, params)).toBe(
          planJob(w, now, job, readyBy, params).finishMs,
        );
      }
    },
  );
});

function aParamsForFastPath(): WorkshopParams {
  return workshopParams({ count: 10, lines: { min: 1, max: 8 } });
}

describe('planJob with a cap on hours per worker-day', () => {
  const params = workshopParams();
  it('stretches overtime only to the cap, so the job finishes later than round the clock', () => {
    // 5 h from 18:00 due by 24:00: round the clock ends at 23:00; capped at 14 h (until
    // 22:00) it does 2 h regular, 2 h overtime and the last hour next morning.
    const capped = planJob(
      aWorkshop(),
      at(18),
      at(5),
      at(24),
      workshopParams({ maxHoursPerWorkerDay: 14 }),
    );
    expect(capped.overtimeNeeded).toBe(true);
    expect(capped.finishMs).toBe(at(33));
    expect(planJob(aWorkshop(), at(18), at(5), at(24), params).finishMs).toBe(at(23));
  });

  it('makes a workshop decline what only round-the-clock work would finish in time', () => {
    const capped = workshopParams({ maxHoursPerWorkerDay: 14 });
    expect(decideBid(aWorkshop(), aCategory(), 100, 5000, at(24), at(18), params)).not.toBeNull();
    expect(decideBid(aWorkshop(), aCategory(), 100, 5000, at(24), at(18), capped)).toBeNull();
  });
});

describe('workshopAsOf and takeAward (an invitation applied after a later award or rating)', () => {
  it('shows the queue as it stood before awards later than the invitation', () => {
    const w = aWorkshop({ busyUntilMs: at(10) });
    takeAward(w, at(9) + 30_000, at(14));
    takeAward(w, at(9) + 40_000, at(16));
    expect(w.busyUntilMs).toBe(at(16));
    expect(workshopAsOf(w, at(9) + 20_000).busyUntilMs).toBe(at(10));
    expect(workshopAsOf(w, at(9) + 35_000).busyUntilMs).toBe(at(14));
  });

  it('shows the rating as it stood before ratings later than the invitation', () => {
    const w = aWorkshop({ rating: 4 });
    revise(w, at(9) + 30_000, RATING, 4);
    w.rating = 3.5;
    expect(workshopAsOf(w, at(9)).rating).toBe(4);
    expect(workshopAsOf(w, at(9) + 30_000).rating).toBe(3.5);
  });

  it('is the workshop itself when nothing later than the invitation was applied', () => {
    const w = aWorkshop({ busyUntilMs: at(10) });
    takeAward(w, at(9), at(12));
    expect(workshopAsOf(w, at(9))).toBe(w);
    expect(workshopAsOf(w, at(9) + 1)).toBe(w);
  });

  it('forgets revisions older than its memory, once a few have gathered', () => {
    const w = aWorkshop();
    takeAward(w, at(1), at(2));
    takeAward(w, at(1) + REVISION_MEMORY_MS, at(3));
    for (let i = 2; i < FORGET_AFTER; i++) takeAward(w, at(1) + REVISION_MEMORY_MS + i, at(4));
    expect(w.revisions.map(([t]) => t).slice(0, 2)).toEqual([
      at(1) + REVISION_MEMORY_MS,
      at(1) + REVISION_MEMORY_MS + 2,
    ]);
    expect(w.revisions).toHaveLength(FORGET_AFTER - 1);
  });
});
