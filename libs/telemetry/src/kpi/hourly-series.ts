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

  /** Element-wise sum / count, 0 where there is no count. */
  ratio(sum: string, count: string): number[] {
    const n = this.get(count);
    return this.get(sum).map((v, i) => ((n[i] ?? 0) > 0 ? v / (n[i] ?? 1) : 0));
  }
}
