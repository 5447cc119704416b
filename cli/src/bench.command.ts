/**
 * `weft bench`: the stress test. Measures the ceiling on the broker, then offers load by a
 * profile until the pipeline no longer sustains it, ends with a window at pace max, and
 * writes bench.json and bench.html. `--max-p99-ms` and `--min-ratio` make it pass or fail.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { ServiceName } from '@weft/contracts';
import { scaleScenario } from '@weft/domain';
import {
  DEFAULT_LOOKAHEAD_SECONDS,
  DEFAULT_SATURATION_RULE,
  parseProfile,
  renderBenchHtml,
  runBench,
  type BenchProgress,
  type BenchResult,
} from '@weft/engine-kafka';
import {
  attachTarget,
  localStack,
  parseInstances,
  parseNonNegative,
  parsePositive,
  parseSeed,
} from './run.command';
import { loadScenario } from './scenario-file';
import { loadStackConfig, stackStatus } from './stack';

interface BenchFlags {
  scenario: string;
  seed?: number;
  scale: number;
  instances: Partial<Record<ServiceName, number>>;
  partitions: number;
  lookahead: number;
  profile: string;
  startPace: number;
  factor: number;
  steps: number;
  hold: number;
  maxSeconds: number;
  ceilingMessages: number;
  maxP99Ms?: number;
  minRatio?: number;
  out?: string;
  progress: boolean;
  attach: boolean;
  runId?: string;
  monitorUrl?: string;
}

const int = (v: string) => {
  const n = parsePositive(v);
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`expected a whole number, got "${v}"`);
  return n;
};

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function progressLine(p: BenchProgress): string {
  const where = p.phase === 'max' ? 'pace max' : `window ${p.window + 1}/${p.windows - 1}`;
  const asked = p.askedPace === null ? 'max' : `${p.askedPace.toFixed(3)} h/s`;
  return (
    `  ${where.padEnd(13)} ${p.seconds.toFixed(0).padStart(4)} s  asked ${asked.padEnd(10)} ` +
    `clock ${(p.sample.doneUntilMs / 3_600_000).toFixed(2)} h  ${fmt(p.eventsPerSecond)} events/s  lag ${fmt(p.sample.lag)}\n`
  );
}

function summary(b: BenchResult, files: { json: string; html: string }): string {
  const hops = Object.entries(b.pipeline.hops)
    .map(
      ([hop, s]) =>
        `  ${hop.padEnd(20)} p50 ${s.p50Ms} ms  p99 ${s.p99Ms} ms  p99.9 ${s.p999Ms} ms`,
    )
    .join('\n');
  const procs = b.processes
    .map((p) => `  ${p.name.padEnd(20)} ${p.cpuCores.toFixed(2)} cores  ${p.peakRssMb} MB`)
    .join('\n');
  return [
    '',
    `ceiling: produce-only ${fmt(b.ceiling.produceOnlyPerSec)} messages/s, relay ${fmt(b.ceiling.relayPerSec)} messages/s (${b.ceiling.meanMessageBytes} B, ${b.ceiling.partitions} partitions)`,
    `pipeline at pace max: ${fmt(b.pipeline.eventsPerSec)} events/s, ${b.pipeline.achievedPace} simulated h/s; ratio to relay ${b.ratio}`,
    `highest sustained pace: ${b.sustained.pace ?? 'none'} simulated h/s` +
      (b.sustained.pace === null
        ? ''
        : ` (${b.sustained.ordersPerSec?.toFixed(1)} orders/s, ${fmt(b.sustained.eventsPerSec ?? 0)} events/s, p99 ${b.sustained.p99Ms} ms)`),
    `hops at pace max:\n${hops}`,
    `processes (mean CPU, peak memory):\n${procs}`,
    `services' peak memory together: ${b.servicesPeakRssMb} MB`,
    b.pass.ok ? 'pass' : `FAIL: ${b.pass.failures.join('; ')}`,
    '',
    `bench: ${files.json}`,
    `       ${files.html}`,
    '',
  ].join('\n');
}

/** The broker and Redis, where this machine's stack started them (their pids are known). */
async function stackProcesses(): Promise<{ name: string; pid: number }[]> {
  const status = await stackStatus(loadStackConfig(process.env));
  return [status.kafka, status.redis].flatMap((s) =>
    s.pid === undefined ? [] : [{ name: s.service, pid: s.pid }],
  );
}

async function bench(flags: BenchFlags): Promise<void> {
  const scenario = scaleScenario(await loadScenario(flags.scenario, flags.seed), flags.scale);
  // A wrong combination of profile flags is an Error: the CLI prints it and exits 1.
  const profile = parseProfile(flags.profile, {
    startPace: flags.startPace,
    factor: flags.factor,
    steps: flags.steps,
    holdSeconds: flags.hold,
  });
  const out = resolve(
    flags.out ?? join('out', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}`),
  );
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const result = await runBench(scenario, {
    profile,
    rule: { ...DEFAULT_SATURATION_RULE, maxP99Ms: flags.maxP99Ms ?? null },
    maxSeconds: flags.maxSeconds,
    ceilingMessages: flags.ceilingMessages,
    minRatio: flags.minRatio,
    monitorUrl: flags.monitorUrl ?? (flags.attach ? process.env.WEFT_MONITOR_URL : undefined),
    run: {
      lookaheadSeconds: flags.lookahead,
      instances: flags.instances,
      partitions: flags.partitions,
      outDir: out,
      ...(flags.attach ? { attach: attachTarget(flags) } : { stack: localStack() }),
      log: (line) => {
        if (!line.startsWith('drain:')) log(line);
      },
    },
    watch: flags.attach ? undefined : stackProcesses,
    onProgress: (p) => {
      if (flags.progress && Math.round(p.seconds) % 2 === 0) process.stderr.write(progressLine(p));
    },
    log,
  });
  await mkdir(out, { recursive: true });
  const files = { json: join(out, 'bench.json'), html: join(out, 'bench.html') };
  await writeFile(files.json, `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(files.html, renderBenchHtml(result));
  process.stdout.write(summary(result, files));
  if (!result.pass.ok) process.exitCode = 1;
}

export function registerBenchCommand(program: Command): void {
  program
    .command('bench')
    .description(
      'stress test: the ceiling on the broker, then load by a profile until the pipeline saturates; writes bench.json and bench.html',
    )
    .option(
      '--scenario <name|file>',
      'the world offered (its demand made flat over the day)',
      'default',
    )
    .option('--seed <n>', "the random seed (default: the scenario's)", parseSeed)
    .option('--scale <f>', "the scenario's world at f times its size", parsePositive, 1)
    .option('--instances <list>', 'instances per service', parseInstances, { shops: 2, bidding: 2 })
    .option('--partitions <n>', 'partitions per topic', int, 6)
    .option(
      '--lookahead <s>',
      'simulated seconds timers may fire ahead of what every service has applied',
      parseNonNegative,
      DEFAULT_LOOKAHEAD_SECONDS,
    )
    .addOption(
      new Option('--profile <kind>', 'how the offered load rises over wall time')
        .choices(['step', 'ramp', 'spike'])
        .default('step'),
    )
    .option(
      '--start-pace <h>',
      'simulated hours per wall second of the first window',
      parsePositive,
      0.05,
    )
    .option(
      '--factor <f>',
      'each step (or the ramp, or a spike) multiplies the pace by this',
      parsePositive,
      1.5,
    )
    .option(
      '--steps <n>',
      'windows of the profile at most (the search stops at the first not sustained)',
      int,
      8,
    )
    .option('--hold <s>', 'wall seconds each window is held', parsePositive, 20)
    .option(
      '--max-seconds <s>',
      'wall seconds of the closing window at pace max',
      parsePositive,
      30,
    )
    .option('--ceiling-messages <n>', 'messages each ceiling measurement moves', int, 200_000)
    .option(
      '--max-p99-ms <ms>',
      'a window is sustained only with every hop p99 at most this; fail if none is',
      parsePositive,
    )
    .option(
      '--min-ratio <r>',
      'fail when pipeline events/s ÷ relay ceiling is below this',
      parsePositive,
    )
    .option('--out <dir>', 'where to write bench.json and bench.html (default: out/bench-<time>)')
    .option('--no-progress', 'no progress lines')
    .option(
      '--attach',
      'bench services already running at WEFT_KAFKA_BROKERS and WEFT_REDIS_URL',
      false,
    )
    .option('--run-id <id>', '--attach: the WEFT_RUN_ID the services run under (default: none)')
    .option(
      '--monitor-url <url>',
      '--attach: where the monitor answers (default: WEFT_MONITOR_URL)',
    )
    .action(bench);
}
