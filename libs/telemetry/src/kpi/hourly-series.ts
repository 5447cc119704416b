/** Named numeric series with one slot per simulated hour; the run's horizon bounds memory. */
export class HourlySeries {
  private readonly series = new Map<string, Float64Array>();

  constructor(readonly hours: number) {}

  add(name: string, hour: number, value: number): void {
    if (hour < 0 || hour >= this.hours) return;
    let s = this.series.get(name);
    if (!s) {
      s = new Float64Array(this.hours);
      this.series.set(name, s);
    }
    s[hour] = (s[hour] ?? 0) + value;
  }

  get(name: string): number[] {
    const s = this.series.get(name);
    return s ? Array.from(s) : new Array<number>(this.hours).fill(0);
  }

  /** Every non-zero slot: series name, hour, value. */
  *entries(): IterableIterator<[string, number, number]> {
    for (const [name, s] of this.series)
      for (let h = 0; h < s.length; h++) if (s[h] !== 0) yield [name, h, s[h] ?? 0];
  }

  /** Zeroes every slot, keeping the arrays. */
  clear(): void {
    for (const s of this.series.values()) s.fill(0);
  }

  /** Element-wise sum / count, 0 where there is no count. */
  ratio(sum: string, count: string): number[] {
    const n = this.get(count);
    return this.get(sum).map((v, i) => ((n[i] ?? 0) > 0 ? v / (n[i] ?? 1) : 0));
  }
}
