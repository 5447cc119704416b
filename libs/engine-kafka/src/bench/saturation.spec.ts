import { HOUR_MS, Rng } from '@weft/domain';
import { highestSustained, judgeWindow, slope, type PipelineSample } from './saturation';

/** A window of `seconds` samples: the clock moving at `pace`, lag from `lag(t)`, events at `rate`. */
function series(
  seconds: number,
  pace: number,
  lag: (t: number) => number,
  rate = 3000,
): PipelineSample[] {
  return Array.from({ length: seconds + 1 }, (_, t) => ({
    seconds: 100 + t,
    lag: Math.max(0, Math.round(lag(t))),
    doneUntilMs: 5 * HOUR_MS + t * pace * HOUR_MS,
    events: 1_000_000 + t * rate,
  }));
}

describe('the saturation rule', () => {
  const noise = new Rng(7, 'lag-noise');
  const jitter = () => (noise.next() - 0.5) * 800;

  it('sustains a window where the clock keeps the pace and lag only jitters', () => {
    const v = judgeWindow(
      series(20, 0.2, () => 1500 + jitter()),
      0.2,
      40,
    );
    expect(v).toMatchObject({ sustained: true, reasons: [] });
    expect(v.achievedPace).toBeCloseTo(0.2, 6);
    expect(v.eventsPerSecond).toBe(3000);
  });

  it('fails a window where the clock falls behind the pace asked', () => {
    const v = judgeWindow(
      series(20, 0.15, () => 1500),
      0.2,
      40,
    );
    expect(v.sustained).toBe(false);
    expect(v.reasons[0]).toMatch(/clock kept 0.15 of 0.2 simulated h\/s/);
  });

  it('allows the clock the share of the pace the rule gives', () => {
    expect(
      judgeWindow(
        series(20, 0.185, () => 0),
        0.2,
        null,
      ).sustained,
    ).toBe(true);
    expect(
      judgeWindow(
        series(20, 0.175, () => 0),
        0.2,
        null,
      ).sustained,
    ).toBe(false);
  });

  it('fails a window whose lag keeps growing, even while the clock keeps up', () => {
    // 400 messages more every second against 3,000 events/s: over the 5 % allowed
    const v = judgeWindow(
      series(20, 0.2, (t) => 1000 + 400 * t + jitter()),
      0.2,
      40,
    );
    expect(v.sustained).toBe(false);
    expect(v.lagGrowthPerSecond).toBeGreaterThan(300);
    expect(v.reasons.join()).toMatch(/lag grew by \d+ messages\/s \(over 150\)/);
  });

  it('takes slow lag growth and falling lag for sustained', () => {
    expect(
      judgeWindow(
        series(20, 0.2, (t) => 1000 + 100 * t),
        0.2,
        40,
      ).sustained,
    ).toBe(true);
    expect(
      judgeWindow(
        series(20, 0.2, (t) => 9000 - 300 * t),
        0.2,
        40,
      ).sustained,
    ).toBe(true);
  });

  it('fails a window whose p99 hop latency is over the bound, when there is one', () => {
    const calm = series(20, 0.2, () => 500);
    const rule = {
      minPaceShare: 0.9,
      maxLagGrowthShare: 0.05,
      lagNoisePerSecond: 50,
      maxP99Ms: 250,
    };
    expect(judgeWindow(calm, 0.2, 251, rule).reasons).toEqual([
      'p99 hop latency 251 ms (over 250 ms)',
    ]);
    expect(judgeWindow(calm, 0.2, 250, rule).sustained).toBe(true);
    expect(judgeWindow(calm, 0.2, 5000).sustained).toBe(true);
  });

  it('judges a pace-max window on lag and latency only', () => {
    expect(
      judgeWindow(
        series(20, 0.01, () => 500),
        null,
        40,
      ).sustained,
    ).toBe(true);
  });

  it('needs two samples at different times', () => {
    expect(() =>
      judgeWindow(
        series(0, 0.2, () => 0),
        0.2,
        1,
      ),
    ).toThrow('two samples');
  });

  it('finds the highest pace sustained before the first failure', () => {
    const ok = judgeWindow(
      series(10, 1, () => 0),
      1,
      1,
    );
    const bad = judgeWindow(
      series(10, 0.5, () => 0),
      1,
      1,
    );
    expect(
      highestSustained([
        { pace: 0.1, verdict: ok },
        { pace: 0.2, verdict: ok },
        { pace: 0.4, verdict: bad },
        { pace: 0.8, verdict: ok },
        { pace: null, verdict: ok },
      ]),
    ).toBe(0.2);
    expect(highestSustained([{ pace: 0.1, verdict: bad }])).toBeNull();
  });

  it('fits a least-squares slope', () => {
    expect(
      slope([
        { x: 0, y: 1 },
        { x: 1, y: 3 },
        { x: 2, y: 5 },
      ]),
    ).toBeCloseTo(2, 10);
    expect(slope([{ x: 3, y: 1 }])).toBe(0);
  });
});
