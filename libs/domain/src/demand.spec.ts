import {
  arrivalRatePerHour,
  drawOrderWish,
  maxArrivalRatePerHour,
  nextArrivalMs,
  spikeFactor,
} from './demand';
import { aScenario } from '../test/a-scenario';
import { Rng } from './rng';
import type { Category, Scenario } from './scenario';
import { HOUR_MS } from './time';

type Demand = Scenario['demand'];

/** 100 orders an hour at ×0.5 before noon and ×2 after, no spikes. */
function aDemand(overrides: Partial<Demand> = {}): Demand {
  return {
    ...aScenario().demand,
    ordersPerHour: 100,
    hourlyCurve: Array.from({ length: 24 }, (_, h) => (h < 12 ? 0.5 : 2)),
    spikes: [],
    ...overrides,
  };
}

/** The default scenario's demand: 3 000 orders an hour, evening peak ×2.0. */
const defaultDemand = aDemand({
  ordersPerHour: 3000,
  hourlyCurve: [
    0.6, 0.4, 0.25, 0.15, 0.1, 0.1, 0.2, 0.4, 0.7, 0.9, 1.0, 1.1, 1.2, 1.1, 1.0, 1.0, 1.1, 1.2, 1.3,
    1.5, 1.8, 2.0, 1.7, 1.0,
  ],
});

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

/** Only the parts of a scenario drawOrderWish reads are meaningful here. */
function aScenarioOf(demand: Demand, categories: Category[]): Scenario {
  return aScenario({ name: 'test', demand, categories });
}

/** Arrivals as the consumers role draws them: each gap from a generator keyed by n. */
function arrivals(seed: number, demand: Demand, endMs: number): number[] {
  const out: number[] = [];
  let now = 0;
  for (let n = 0; ; n++) {
    const at = nextArrivalMs(new Rng(seed, `gap:${n}`), demand, now, endMs);
    if (at === null) return out;
    out.push(at);
    now = at;
  }
}

const at = (hour: number) => hour * HOUR_MS;

describe('spikeFactor', () => {
  const demand = aDemand({
    spikes: [
      { atHour: 10, durationHours: 2, factor: 3 },
      { atHour: 11, durationHours: 2, factor: 2 },
    ],
  });

  it('is 1 outside every spike', () => {
    expect(spikeFactor(demand, at(9.99))).toBe(1);
    expect(spikeFactor(demand, at(13))).toBe(1); // [11, 13) has ended
  });

  it('applies a spike from its first instant until just before it ends', () => {
    expect(spikeFactor(demand, at(10))).toBe(3);
    expect(spikeFactor(demand, at(12))).toBe(2); // [10, 12) ended, [11, 13) still on
  });

  it('multiplies overlapping spikes', () => {
    expect(spikeFactor(demand, at(11.5))).toBe(6); // 3 × 2
  });

  it('counts spike hours from the start of the run, not by hour of day', () => {
    expect(spikeFactor(demand, at(24 + 10.5))).toBe(1);
  });
});

describe('arrivalRatePerHour', () => {
  const demand = aDemand({
    hourlyCurve: Array.from({ length: 24 }, (_, h) => (h === 10 ? 1.5 : 1)),
    spikes: [{ atHour: 10, durationHours: 1, factor: 3 }],
  });

  it('is the base rate times the hour-of-day curve times the spike', () => {
    expect(arrivalRatePerHour(demand, at(10.5))).toBe(450); // 100 × 1.5 × 3
  });

  it('repeats the daily curve on the next day without the one-off spike', () => {
    expect(arrivalRatePerHour(demand, at(34.5))).toBe(150); // 100 × 1.5 × 1
  });

  it('is the base rate in an hour with multiplier 1 and no spike', () => {
    expect(arrivalRatePerHour(demand, at(9.5))).toBe(100);
  });
});

describe('maxArrivalRatePerHour', () => {
  it('bounds the rate by the peak of the curve times every surge', () => {
    const demand = aDemand({
      spikes: [
        { atHour: 3, durationHours: 1, factor: 3 },
        { atHour: 5, durationHours: 1, factor: 0.5 },
      ],
    });
    // 100 × max curve 2 × 3 × max(1, 0.5) = 600; a lull (factor < 1) never lowers the bound
    expect(maxArrivalRatePerHour(demand)).toBe(600);
  });

  it('is the default scenario’s evening peak when there are no spikes', () => {
    expect(maxArrivalRatePerHour(defaultDemand)).toBe(6000); // 3 000 × 2.0
  });
});

describe('nextArrivalMs', () => {
  it('returns no arrival when the window has already closed', () => {
    expect(nextArrivalMs(new Rng(1, 'gap:0'), aDemand(), at(24), at(24))).toBeNull();
    expect(nextArrivalMs(new Rng(1, 'gap:0'), aDemand(), at(25), at(24))).toBeNull();
  });

  it('returns no arrival when nobody orders at all', () => {
    expect(nextArrivalMs(new Rng(1, 'gap:0'), aDemand({ ordersPerHour: 0 }), 0, at(24))).toBeNull();
  });

  it('returns whole milliseconds before the end of the window', () => {
    const times = arrivals(1, aDemand(), at(24));
    expect(times.every(Number.isInteger)).toBe(true);
    expect(Math.max(...times)).toBeLessThan(at(24));
  });

  it('always returns an arrival strictly after now, even at the default evening peak', () => {
    // A day of the default scenario's demand, each arrival drawn from the one before.
    const times = arrivals(42, defaultDemand, at(24));
    const notAfterNow = times.filter((t, i) => i > 0 && t <= (times[i - 1] ?? 0));
    expect(notAfterNow).toEqual([]);
  });

  it('returns an arrival strictly after now even when the drawn gap is under half a millisecond', () => {
    // Found by the day-long run above: gap 1 891 of seed 42 is drawn from 3 882 903 ms.
    const now = 3_882_903;
    expect(nextArrivalMs(new Rng(42, 'gap:1891'), defaultDemand, now, at(24))).toBeGreaterThan(now);
  });

  it('returns no arrival when the only whole millisecond left is the end of the window', () => {
    // 6 000 orders an hour all day; gap 952 of seed 42 is between 0.5 and 1 ms
    const peakAllDay = aDemand({ ordersPerHour: 3000, hourlyCurve: Array<number>(24).fill(2) });
    expect(nextArrivalMs(new Rng(42, 'gap:952'), peakAllDay, at(24) - 1, at(24))).toBeNull();
  });

  describe('over many arrivals, counts match the integral of the rate', () => {
    // Rate: 50/h before noon, 200/h after, and ×3 during hours [30, 32).
    const demand = aDemand({ spikes: [{ atHour: 30, durationHours: 2, factor: 3 }] });
    const runs = new Map([1, 2, 3].map((seed) => [seed, arrivals(seed, demand, at(48))]));
    const windows = [
      { name: 'a morning', from: 0, to: 12, expected: 600 }, // 12 h × 50
      { name: 'an afternoon', from: 12, to: 24, expected: 2400 }, // 12 h × 200
      { name: 'a spike', from: 30, to: 32, expected: 300 }, // 2 h × 50 × 3
      { name: 'two whole days', from: 0, to: 48, expected: 6200 }, // 2 × 3 000 + 2 h × 100 extra
    ];
    const cases = [...runs.keys()].flatMap((seed) => windows.map((w) => ({ seed, ...w })));

    // A Poisson count has variance = mean, so ±4 sd is 4√600 ≈ 98, 4√2 400 ≈ 196,
    // 4√300 ≈ 69 and 4√6 200 ≈ 315: a correct process misses by that much once in ~16 000.
    it.each(cases)('counts $expected ± 4√$expected arrivals in $name (seed $seed)', (c) => {
      const times = runs.get(c.seed) ?? [];
      const count = times.filter((t) => t >= at(c.from) && t < at(c.to)).length;
      expect(Math.abs(count - c.expected)).toBeLessThanOrEqual(4 * Math.sqrt(c.expected));
    });
  });
});

describe('drawOrderWish', () => {
  const scenario = aScenarioOf(aDemand(), [
    aCategory({ name: 't-shirt', share: 0.7, referencePriceCents: 1200 }),
    aCategory({ name: 'hoodie', share: 0.2, referencePriceCents: 3000 }),
    aCategory({ name: 'phone-case', share: 0.1, referencePriceCents: 320 }),
  ]);
  const now = at(5);
  const wishes = Array.from({ length: 2000 }, (_, n) =>
    drawOrderWish(new Rng(7, `wish:${n}`), scenario, now),
  );

  it('orders from every category roughly in proportion to its share', () => {
    const counts = [0, 1, 2].map((c) => wishes.filter((w) => w.category === c).length);
    // 2 000 × 0.7 / 0.2 / 0.1 = 1 400 / 400 / 200; binomial 4 sd = 4√(2 000 p(1−p)) ≈ 82 / 72 / 54
    expect(Math.abs((counts[0] ?? 0) - 1400)).toBeLessThanOrEqual(82);
    expect(Math.abs((counts[1] ?? 0) - 400)).toBeLessThanOrEqual(72);
    expect(Math.abs((counts[2] ?? 0) - 200)).toBeLessThanOrEqual(54);
  });

  it('asks for a whole quantity between the scenario’s minimum and maximum', () => {
    const qs = wishes.map((w) => w.quantity);
    expect(qs.every(Number.isInteger)).toBe(true);
    expect(new Set(qs)).toEqual(new Set([1, 2, 3, 4]));
  });

  it('wants the order between 48 and 120 hours from now', () => {
    const leads = wishes.map((w) => (w.wantedByMs - now) / HOUR_MS);
    expect(Math.min(...leads)).toBeGreaterThanOrEqual(48);
    expect(Math.max(...leads)).toBeLessThan(120);
  });

  it('pays at most 0.85–1.5 times the reference price of its category, in whole cents', () => {
    // t-shirt 1 200 × [0.85, 1.5] = [1 020, 1 800]; hoodie [2 550, 4 500]; phone case [272, 480]
    const bounds = [
      [1020, 1800],
      [2550, 4500],
      [272, 480],
    ];
    const outside = wishes.filter((w) => {
      const [lo = NaN, hi = NaN] = bounds[w.category] ?? [];
      const c = w.ceilingUnitCents;
      return !Number.isInteger(c) || c < lo || c > hi;
    });
    expect(outside).toEqual([]);
  });

  it('draws the same wish for the same generator key', () => {
    expect(drawOrderWish(new Rng(7, 'wish:3'), scenario, now)).toEqual(wishes[3]);
  });
});
