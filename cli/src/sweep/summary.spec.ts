import { ci95HalfWidth, mean, meanInterval, sampleSd, summarizeRuns } from './summary';

describe('meanInterval', () => {
  // By hand: mean 3, squares 4+1+0+1+4 = 10, sd = √(10/4) = √2.5 = 1.5811;
  // t(0.975, 4) = 2.7764, half-width 2.7764 · 1.5811 / √5 = 1.9632.
  it('gives 1..5 a mean of 3, an sd of √2.5 and a t interval of ±1.9632', () => {
    const i = meanInterval([1, 2, 3, 4, 5]);
    expect(i.n).toBe(5);
    expect(i.mean).toBe(3);
    expect(i.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(i.ci95High - i.mean).toBeCloseTo(1.9632, 4);
    expect(i.mean - i.ci95Low).toBeCloseTo(1.9632, 4);
  });

  it('uses t(0.975, n − 1): 12.7062 for two values, where a normal interval would say 1.96', () => {
    // [0, 2]: mean 1, sd √2, half-width 12.7062 · √2 / √2.
    expect(ci95HalfWidth(sampleSd([0, 2]), 2)).toBeCloseTo(12.7062, 4);
  });

  it('narrows to the mean itself when every seed agrees', () => {
    expect(meanInterval([7, 7, 7, 7, 7])).toEqual({
      n: 5,
      mean: 7,
      sd: 0,
      ci95Low: 7,
      ci95High: 7,
    });
  });

  it('claims no interval from a single run: sd and both ends are NaN', () => {
    const i = meanInterval([4]);
    expect(i.mean).toBe(4);
    expect([i.sd, i.ci95Low, i.ci95High]).toEqual([NaN, NaN, NaN]);
  });

  it('makes every figure NaN when a run lacks the value', () => {
    const i = meanInterval([1, NaN, 3, 4, 5]);
    expect([i.mean, i.sd, i.ci95Low, i.ci95High]).toEqual([NaN, NaN, NaN, NaN]);
  });

  it('has no mean of nothing', () => {
    expect(mean([])).toBeNaN();
    expect(meanInterval([]).n).toBe(0);
  });
});

describe('summarizeRuns', () => {
  it("summarises each point's runs only, in grid order", () => {
    const points = [
      { index: 0, values: { x: 1 } },
      { index: 1, values: { x: 2 } },
    ];
    const runs = [1, 2, 3, 4, 5].flatMap((seed) => [
      { point: 1, seed, kpis: { k: 10 * seed } },
      { point: 0, seed, kpis: { k: seed } },
    ]);
    const [a, b] = summarizeRuns(points, runs, ['k']);
    expect(a?.point).toBe(points[0]);
    expect(a?.n).toBe(5);
    expect(a?.kpis.k?.mean).toBe(3);
    expect(b?.kpis.k?.mean).toBe(30);
    expect(b?.kpis.k?.ci95High).toBeCloseTo(30 + 19.632, 2);
  });
});
