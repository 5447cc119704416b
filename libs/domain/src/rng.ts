/**
 * Seeded randomness. Every draw in weft comes from a generator seeded by (scenario seed,
 * event id), so a decision does not depend on the order in which events happen to arrive.
 */

/** 32-bit FNV-1a over a string, mixed with the seed: cheap and stable across engines. */
export function hashSeed(seed: number, key: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** sfc32: a small, fast generator with good statistical quality (PractRand-clean to 2^40+). */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /**
   * Seeded by (seed, key); with `suffix`, by the key of an event id instead,
   * `${key}:${suffix}` (or `suffix` alone when `key` is empty), without building that id.
   */
  constructor(seed: number, key = '', suffix?: string) {
    // hashSeed three times over, in one pass over the key.
    let a = (0x811c9dc5 ^ seed) >>> 0;
    let b = (0x811c9dc5 ^ (seed ^ 0x9e3779b9)) >>> 0;
    let c = (0x811c9dc5 ^ (seed ^ 0x85ebca6b)) >>> 0;
    const parts = suffix === undefined ? 1 : key.length > 0 ? 3 : 2;
    for (let part = 0; part < parts; part++) {
      const text = part === 0 ? key : part === parts - 1 ? (suffix as string) : ':';
      for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        a = Math.imul(a ^ ch, 0x01000193);
        b = Math.imul(b ^ ch, 0x01000193);
        c = Math.imul(c ^ ch, 0x01000193);
      }
    }
    this.a = a >>> 0;
    this.b = b >>> 0;
    this.c = c >>> 0;
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextUint32(); // warm up away from the seed
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Exponential waiting time with the given rate (events per unit). */
  exponential(rate: number): number {
    return -Math.log(1 - this.next()) / rate;
  }

  /** Standard normal, Box–Muller (one value per call; simplicity over speed). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Index drawn in proportion to the weights (all ≥ 0, not all 0). */
  weightedIndex(weights: readonly number[], total: number): number {
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /**
   * `k` distinct indices out of `n` (Floyd's algorithm: no array of n is built), in the
   * order drawn. A few are checked against the list itself, more against a set.
   */
  sampleIndices(n: number, k: number): number[] {
    const m = Math.min(n, k);
    const picked: number[] = [];
    const seen = m > FEW_TO_SCAN ? new Set<number>() : undefined;
    for (let j = n - m; j < n; j++) {
      const t = this.int(0, j);
      const pick = (seen ? seen.has(t) : picked.includes(t)) ? j : t;
      picked.push(pick);
      seen?.add(pick);
    }
    return picked;
  }
}

/** Up to this many indices, sampleIndices looks for a repeat in the list it builds. */
const FEW_TO_SCAN = 32;
