/**
 * `weft bench`: the stress test. Opens a run of the distributed engine (local services,
 * or a deployment with `attach`), measures the ceiling on the same broker while the
 * services idle, then offers load by a profile (the clock's pace over wall time), judges
 * each window from consumer lag, the clock and p99 hop latency, and ends with a window at
 * pace max: what the pipeline carries, as a ratio to the ceiling.
 */
import type { Scenario } from '@weft/domain';
import { createKafka } from '@weft/kafka';
import { createLogger } from '@weft/telemetry';
import { KafkaRun, type KafkaRunOptions } from '../kafka-run';
import type { BenchProgress, BenchResult, BenchWindow } from './bench-result';
import { benchScenario, sampleMessages } from './bench-scenario';
import { BenchWindows } from './bench-windows';
import { measureCeiling, type Ceiling } from './ceiling';
import { paceAt, profileWindows, type LoadProfile } from './load-profile';
import type { WatchedProcess } from './process-usage';
import { DEFAULT_SATURATION_RULE, highestSustained, type SaturationRule } from './saturation';

export interface BenchOptions {
  profile: LoadProfile;
  rule?: SaturationRule;
  /** Wall seconds of the closing window at pace max. */
  maxSeconds: number;
  /** Messages each ceiling measurement moves. */
  ceilingMessages: number;
  /** The run's options (instances, partitions, lookahead, attach, out dir …); its pace is the profile's. */
  run: Omit<KafkaRunOptions, 'pace' | 'keep'>;
  /** Where the monitor answers when attached (local runs find their own). */
  monitorUrl?: string;
  /** Fail when pipeline events/s ÷ the relay ceiling is below this. */
  minRatio?: number;
  /** Extra processes to watch (the broker, say), besides the services and this one; asked once the stack is up. */
  watch?: () => Promise<WatchedProcess[]>;
  onProgress?: (p: BenchProgress) => void;
  log?: (line: string) => void;
}

export async function runBench(base: Scenario, o: BenchOptions): Promise<BenchResult> {
  const log = o.log ?? (() => undefined);
  const scenario = benchScenario(base, o.profile, o.maxSeconds);
  const startedAt = new Date().toISOString();
  const samples = sampleMessages(scenario);
  const run = await KafkaRun.open(scenario, {
    ...o.run,
    pace: paceAt(o.profile, 0) ?? 'max',
    keep: false,
  });
  try {
    const kafka = createKafka(
      {
        brokers: run.brokers,
        clientId: `weft-bench-${run.runId || 'attached'}`,
        ...o.run.attach?.kafka,
      },
      createLogger('weft-bench', 'warn'),
    );
    log(
      `ceiling: ${o.ceilingMessages} of the pipeline's own messages, ${o.run.partitions} partitions`,
    );
    const ceiling = await measureCeiling(kafka, {
      topicPrefix: `${run.topicPrefix}b${Date.now().toString(36)}.`,
      partitions: o.run.partitions,
      samples,
      count: o.ceilingMessages,
      log,
    });
    const windows = new BenchWindows(run, {
      rule: o.rule ?? DEFAULT_SATURATION_RULE,
      monitorUrl: o.monitorUrl,
      watch: (await o.watch?.()) ?? [],
      windows: profileWindows(o.profile).length + 1,
      ordersPerHour: scenario.demand.ordersPerHour,
      onProgress: o.onProgress,
    });
    await windows.start();
    const judged = await offerLoad(run, windows, o.profile, log);
    run.setPace('max');
    const max = await windows.hold(judged.length, windows.seconds() + o.maxSeconds, null, 'max');
    judged.push(max);
    log(
      `pace max: ${Math.round(max.verdict.eventsPerSecond)} events/s, ` +
        `${max.verdict.achievedPace.toFixed(3)} simulated h/s, p99 ${max.p99Ms} ms`,
    );
    return result({ o, scenario, startedAt, run, ceiling, judged, windows });
  } finally {
    await run.close();
  }
}

/** The profile's windows, one after another, until one is not sustained (a spike profile runs all). */
async function offerLoad(
  run: KafkaRun,
  windows: BenchWindows,
  profile: LoadProfile,
  log: (line: string) => void,
): Promise<BenchWindow[]> {
  const judged: BenchWindow[] = [];
  let steered = paceAt(profile, 0) ?? 0;
  for (const w of profileWindows(profile)) {
    // A ramp moves on continuously: the clock is told whenever it moved by a percent.
    const steer = () => {
      const pace = paceAt(profile, windows.seconds()) ?? w.pace;
      if (Math.abs(pace - steered) <= steered * 0.01) return;
      steered = pace;
      run.setPace(pace);
    };
    const window = await windows.hold(w.index, w.toSeconds, w.pace, 'load', steer);
    judged.push(window);
    const v = window.verdict;
    log(
      `window ${w.index + 1}: pace ${w.pace.toFixed(3)} h/s asked, ${v.achievedPace.toFixed(3)} kept, ` +
        `${Math.round(v.eventsPerSecond)} events/s, p99 ${window.p99Ms} ms: ` +
        (v.sustained ? 'sustained' : `not sustained (${v.reasons.join('; ')})`),
    );
    if ((!v.sustained && profile.kind !== 'spike') || run.clock.finished) break;
  }
  return judged;
}

function result(r: {
  o: BenchOptions;
  scenario: Scenario;
  startedAt: string;
  run: KafkaRun;
  ceiling: Ceiling;
  judged: BenchWindow[];
  windows: BenchWindows;
}): BenchResult {
  const { o, run, ceiling, judged } = r;
  const rule = o.rule ?? DEFAULT_SATURATION_RULE;
  const max = judged[judged.length - 1];
  if (!max) throw new Error('bench: no window was held');
  const processes = r.windows.processes();
  const eventsPerSec = Math.round(max.verdict.eventsPerSecond);
  const ratio = Math.round((eventsPerSec / Math.max(1, ceiling.relayPerSec)) * 1000) / 1000;
  const bestPace = highestSustained(judged.map((w) => ({ pace: w.askedPace, verdict: w.verdict })));
  const best = judged.find((w) => w.askedPace === bestPace && w.verdict.sustained);
  const failures: string[] = [];
  if (o.minRatio !== undefined && ratio < o.minRatio)
    failures.push(`ratio ${ratio} is under --min-ratio ${o.minRatio}`);
  if (rule.maxP99Ms !== null && bestPace === null)
    failures.push(`no window was sustained within p99 ${rule.maxP99Ms} ms (--max-p99-ms)`);
  const services = new Set(run.processes.map((p) => p.instanceId));
  return {
    startedAt: r.startedAt,
    scenario: {
      name: r.scenario.name,
      seed: r.scenario.seed,
      ordersPerHour: r.scenario.demand.ordersPerHour,
    },
    profile: o.profile,
    rule,
    run: {
      instances: run.instances,
      partitions: o.run.partitions,
      lookaheadSeconds: o.run.lookaheadSeconds ?? null,
    },
    ceiling,
    pipeline: {
      eventsPerSec,
      achievedPace: Math.round(max.verdict.achievedPace * 1000) / 1000,
      hops: max.hops,
      seconds: Math.round((max.toSeconds - max.fromSeconds) * 10) / 10,
    },
    ratio,
    sustained: {
      pace: bestPace === null ? null : Math.round(bestPace * 10_000) / 10_000,
      ordersPerSec: best?.ordersPerSecond ?? null,
      eventsPerSec: best ? Math.round(best.verdict.eventsPerSecond) : null,
      p99Ms: best?.p99Ms ?? null,
    },
    windows: judged,
    series: r.windows.series,
    processes,
    servicesPeakRssMb: processes
      .filter((p) => services.has(p.name))
      .reduce((a, p) => a + p.peakRssMb, 0),
    pass: { ok: failures.length === 0, failures },
  };
}
