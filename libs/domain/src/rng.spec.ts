import { Rng, hashSeed } from './rng';

function draws(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng.next());
}

describe('Rng', () => {
  it('replays the same sequence for the same seed and key', () => {
    expect(draws(new Rng(42, 'order:7'), 20)).toEqual(draws(new Rng(42, 'order:7'), 20));
  });

  it('seeded by an order and a suffix, draws as seeded by their event id', () => {
    expect(draws(new Rng(42, 'o7', 'rfq1'), 5)).toEqual(draws(new Rng(42, 'o7:rfq1'), 5));
    expect(draws(new Rng(42, '', 'arrival:3'), 5)).toEqual(draws(new Rng(42, 'arrival:3'), 5));
    expect(draws(new Rng(42, 'o7', ''), 5)).toEqual(draws(new Rng(42, 'o7:'), 5));
    expect(draws(new Rng(42, 'o7', 'rfq1'), 5)).not.toEqual(draws(new Rng(42, 'o7rfq1'), 5));
  });

  it('draws a different sequence for a different key under the same seed', () => {
    expect(draws(new Rng(42, 'order:7'), 20)).not.toEqual(draws(new Rng(42, 'order:8'), 20));
  });

  it('draws a different sequence for a different seed under the same key', () => {
    expect(draws(new Rng(42, 'order:7'), 20)).not.toEqual(draws(new Rng(43, 'order:7'), 20));
    expect(hashSeed(42, 'order:7')).not.toBe(hashSeed(43, 'order:7'));
  });

  it('draws the same numbers for a seed and key in every version (both engines and old runs agree)', () => {
    const first3 = (seed: number, key: string) => {
      const rng = new Rng(seed, key);
      return [rng.nextUint32(), rng.nextUint32(), rng.nextUint32()];
    };
    expect(first3(42, 'o7:rfq1')).toEqual([4261086009, 1450961804, 638479077]);
    expect(first3(0, '')).toEqual([3195918188, 2318833329, 139056719]);
    expect(first3(-5, 'gap:123456')).toEqual([4127546547, 1970000755, 3225742183]);
    expect(first3(2 ** 31 - 1, 'ünï')).toEqual([4164487433, 3051292193, 3410596752]);
  });

  it('keeps next() within [0, 1)', () => {
    const xs = draws(new Rng(1, 'unit'), 100_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });

  it('includes both ends in int(min, max) and nothing outside them', () => {
    const rng = new Rng(2, 'dice');
    const seen = new Set<number>();
    for (let i = 0; i < 1_000; i++) seen.add(rng.int(3, 5));
    expect([...seen].sort()).toEqual([3, 4, 5]);
  });

  it('returns the only value of a one-value range', () => {
    const rng = new Rng(3, 'one');
    expect(new Set(Array.from({ length: 100 }, () => rng.int(7, 7)))).toEqual(new Set([7]));
  });

  it('keeps uniform(min, max) within [min, max)', () => {
    const rng = new Rng(4, 'uniform');
    const xs = Array.from({ length: 10_000 }, () => rng.uniform(12, 36));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(12);
    expect(Math.max(...xs)).toBeLessThan(36);
  });

  it('samples k distinct indices, all within [0, n)', () => {
    for (let seed = 0; seed < 200; seed++) {
      const picked = new Rng(seed, 'invite').sampleIndices(10, 4);
      expect(picked).toHaveLength(4);
      expect(new Set(picked).size).toBe(4);
      for (const i of picked) expect(Number.isInteger(i) && i >= 0 && i < 10).toBe(true);
    }
  });

  it('samples the same indices, in the same order, a few or many at a time', () => {
    // Floyd's algorithm as first written, with a set: the draws must not change.
    const floyd = (rng: Rng, n: number, k: number) => {
      const picked = new Set<number>();
      for (let j = n - Math.min(n, k); j < n; j++) {
        const t = rng.int(0, j);
        picked.add(picked.has(t) ? j : t);
      }
      return [...picked];
    };
    for (const [n, k] of [
      [10, 4],
      [300, 6],
      [100, 40],
      [50, 50],
    ] as const)
      for (let seed = 0; seed < 50; seed++)
        expect(new Rng(seed, 'invite').sampleIndices(n, k)).toEqual(
          floyd(new Rng(seed, 'invite'), n, k),
        );
  });

  it('returns all n indices when asked for more than n', () => {
    const picked = new Rng(5, 'invite').sampleIndices(3, 5);
    expect([...picked].sort()).toEqual([0, 1, 2]);
  });

  it('returns no indices when asked for none', () => {
    expect(new Rng(5, 'invite').sampleIndices(10, 0)).toEqual([]);
  });

  it('reaches every index over many samples, not only the last few', () => {
    const rng = new Rng(6, 'coverage');
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) for (const j of rng.sampleIndices(10, 2)) seen.add(j);
    expect(seen.size).toBe(10);
  });

  it('never picks an index whose weight is zero, leading, inner or trailing', () => {
    const rng = new Rng(7, 'weights');
    const weights = [0, 1, 0, 3, 0];
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 20_000; i++) {
      const k = rng.weightedIndex(weights, 4);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    expect([counts[0], counts[2], counts[4]]).toEqual([0, 0, 0]);
    // Index 1 should take 1/4 of 20 000 = 5 000 draws; binomial sd = √(20 000 × ¼ × ¾) ≈ 61,
    // so ±4 sd ≈ ±245.
    expect(Math.abs((counts[1] ?? 0) - 5_000)).toBeLessThan(245);
  });
});
