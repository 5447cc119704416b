/**
 * Holding a bench's windows: steers the clock's pace, samples the pipeline (lag, the
 * clock, events) and the processes every second, and judges each window at its end with
 * the hop latency the monitor measured in it (two HdrHistogram snapshots, subtracted).
 */
import { latencyBetween, type EncodedHistograms, type LatencySummary } from '@weft/telemetry';
import type { KafkaRun } from '../kafka-run';
import type { BenchProgress, BenchResult, BenchWindow } from './bench-result';
import { ProcessUsage, type ProcessFigures, type WatchedProcess } from './process-usage';
import { judgeWindow, type PipelineSample, type SaturationRule } from './saturation';

const SAMPLE_EVERY_MS = 1000;
const STEER_EVERY_MS = 200;

export interface WindowSettings {
  rule: SaturationRule;
  monitorUrl?: string;
  watch: WatchedProcess[];
  /** How many windows the bench has, for progress. */
  windows: number;
  /** Orders per simulated hour (flat), to tell a pace as orders per wall second. */
  ordersPerHour: number;
  onProgress?: (p: BenchProgress) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function worstP99(hops: Record<string, LatencySummary>): number {
  return Math.max(0, ...Object.values(hops).map((h) => (h.count > 0 ? h.p99Ms : 0)));
}

export class BenchWindows {
  readonly series: BenchResult['series'] = [];
  private readonly usage: ProcessUsage;
  private readonly monitorUrl: string | undefined;
  private t0 = 0;

  constructor(
    private readonly run: KafkaRun,
    private readonly s: WindowSettings,
  ) {
    this.usage = new ProcessUsage([
      ...run.processes.flatMap((p) =>
        p.child.pid ? [{ name: p.instanceId, pid: p.child.pid }] : [],
      ),
      { name: 'bench (driver)', pid: process.pid },
      ...s.watch,
    ]);
    const monitor = run.processes.find((p) => p.service === 'monitor');
    this.monitorUrl = s.monitorUrl ?? (monitor ? `http://127.0.0.1:${monitor.port}` : undefined);
  }

  /** Starts the clock: load is offered from here. */
  async start(): Promise<void> {
    this.run.startClock();
    this.t0 = Date.now();
    await this.usage.sample();
  }

  seconds(): number {
    return (Date.now() - this.t0) / 1000;
  }

  processes(): ProcessFigures[] {
    return this.usage.figures();
  }

  /** Holds one window until `until` (bench seconds), steering on the way, and judges it. */
  async hold(
    index: number,
    until: number,
    pace: number | null,
    phase: BenchProgress['phase'],
    steer: () => void = () => undefined,
  ): Promise<BenchWindow> {
    const from = this.seconds();
    const before = await this.histograms();
    const points = [await this.sample(pace)];
    let nextSample = Date.now() + SAMPLE_EVERY_MS;
    while (this.seconds() < until && !this.run.clock.finished) {
      steer();
      await sleep(STEER_EVERY_MS);
      if (Date.now() < nextSample) continue;
      nextSample += SAMPLE_EVERY_MS;
      const prev = points[points.length - 1];
      const p = await this.sample(pace);
      points.push(p);
      await this.usage.sample();
      if (!prev) continue;
      this.s.onProgress?.({
        phase,
        window: index,
        windows: this.s.windows,
        seconds: p.seconds,
        askedPace: pace,
        sample: p,
        eventsPerSecond: (p.events - prev.events) / Math.max(0.001, p.seconds - prev.seconds),
      });
    }
    points.push(await this.sample(pace));
    const after = await this.histograms();
    const hops = after ? latencyBetween(before, after) : {};
    const p99Ms = worstP99(hops);
    return {
      index,
      fromSeconds: Math.round(from * 10) / 10,
      toSeconds: Math.round(this.seconds() * 10) / 10,
      askedPace: pace,
      verdict: judgeWindow(points, pace, after ? p99Ms : null, this.s.rule),
      ordersPerSecond: pace === null ? null : pace * this.s.ordersPerHour,
      hops,
      p99Ms,
    };
  }

  private async sample(askedPace: number | null): Promise<PipelineSample> {
    const s = await this.run.sample();
    const point = {
      seconds: this.seconds(),
      lag: s.lag,
      doneUntilMs: Math.max(0, this.run.clock.doneUntilMs),
      events: s.events,
    };
    this.series.push({ ...point, askedPace });
    return point;
  }

  /** The monitor's hop histograms so far (undefined: no monitor answers). */
  private async histograms(): Promise<EncodedHistograms | undefined> {
    if (!this.monitorUrl) return undefined;
    try {
      const res = await fetch(`${this.monitorUrl}/latency/histograms`);
      return res.ok ? ((await res.json()) as { hops: EncodedHistograms }).hops : undefined;
    } catch {
      return undefined;
    }
  }
}
