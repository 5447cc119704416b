/** What a bench writes to bench.json, and what it shows while it runs. */
import type { LatencySummary } from '@weft/telemetry';
import type { Ceiling } from './ceiling';
import type { LoadProfile } from './load-profile';
import type { ProcessFigures } from './process-usage';
import type { PipelineSample, SaturationRule, WindowVerdict } from './saturation';

export interface BenchProgress {
  phase: 'ceiling' | 'load' | 'max';
  window: number;
  windows: number;
  seconds: number;
  askedPace: number | null;
  sample: PipelineSample;
  eventsPerSecond: number;
}

export interface BenchWindow {
  index: number;
  fromSeconds: number;
  toSeconds: number;
  /** The mean pace asked for (simulated h per wall s); null: pace max. */
  askedPace: number | null;
  verdict: WindowVerdict;
  /** Orders offered per wall second at the asked pace (the scenario's flat demand). */
  ordersPerSecond: number | null;
  hops: Record<string, LatencySummary>;
  /** The worst p99 of any hop in the window (wall ms). */
  p99Ms: number;
}

export interface BenchResult {
  startedAt: string;
  scenario: { name: string; seed: number; ordersPerHour: number };
  profile: LoadProfile;
  rule: SaturationRule;
  run: { instances: Record<string, number>; partitions: number; lookaheadSeconds: number | null };
  ceiling: Ceiling;
  pipeline: {
    eventsPerSec: number;
    achievedPace: number;
    hops: Record<string, LatencySummary>;
    seconds: number;
  };
  /** pipeline.eventsPerSec ÷ ceiling.relayPerSec. */
  ratio: number;
  sustained: {
    pace: number | null;
    ordersPerSec: number | null;
    eventsPerSec: number | null;
    p99Ms: number | null;
  };
  windows: BenchWindow[];
  series: (PipelineSample & { askedPace: number | null })[];
  processes: ProcessFigures[];
  servicesPeakRssMb: number;
  pass: { ok: boolean; failures: string[] };
}
