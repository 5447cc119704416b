/** `weft run`: one scenario through an engine, with progress, a KPI table and a report. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { SERVICE_NAMES, type ServiceName } from '@weft/contracts';
import { scaleScenario } from '@weft/domain';
import type { KafkaSecurity } from '@weft/kafka';
import { kafkaSecurityOf, parseEnv, redisTlsOf, serviceEnv } from '@weft/service/env';
import { runDes } from '@weft/engine-des';
import { DEFAULT_LOOKAHEAD_SECONDS, runKafka } from '@weft/engine-kafka';
import { renderReportHtml, type RunReport } from '@weft/telemetry';
import { loadScenario } from './scenario-file';
import { formatKpiTable } from './run/kpi-table';
import { localStack } from './run/local-stack';

/** The local stack, for every verb that starts a Kafka run of its own. */
export { localStack };

interface RunFlags {
  engine: 'des' | 'kafka';
  scenario: string;
  seed?: number;
  out?: string;
  progress: boolean;
  pace: number | 'max';
  lookahead: number;
  instances: Partial<Record<ServiceName, number>>;
  keep: boolean;
  partitions: number;
  scale: number;
  attach: boolean;
  runId?: string;
}

/**
 * Where attached services are, and the credentials and TLS they use: the same variables
 * the services read, validated the same way.
 */
export function attachTarget(flags: { runId?: string }): {
  brokers: string[];
  redisUrl: string;
  runId?: string;
  kafka: KafkaSecurity;
  redisTlsCa?: string;
} {
  const env = parseEnv(serviceEnv(0), { ...process.env, WEFT_RUN_ID: flags.runId });
  return {
    brokers: env.WEFT_KAFKA_BROKERS,
    redisUrl: env.WEFT_REDIS_URL,
    runId: env.WEFT_RUN_ID,
    kafka: kafkaSecurityOf(env),
    ...redisTlsOf(env),
  };
}

export function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError(`expected a number > 0, got "${value}"`);
  return n;
}

/** The services whose instances a run can set: all but consumers (one clock). */
const SCALABLE = SERVICE_NAMES.filter((name) => name !== 'consumers');

/** `shops=2,bidding=2` → { shops: 2, bidding: 2 }. */
export function parseInstances(value: string): Partial<Record<ServiceName, number>> {
  const out: Partial<Record<ServiceName, number>> = {};
  for (const part of value.split(',')) {
    const [name, count] = part.split('=');
    if (!name || !(SERVICE_NAMES as string[]).includes(name) || name === 'consumers') {
      throw new InvalidArgumentError(
        `expected service=count with a service of ${SCALABLE.join(', ')}; got "${part}"`,
      );
    }
    const n = Number(count);
    if (!Number.isInteger(n) || n < 1 || n > 8)
      throw new InvalidArgumentError(`expected a count from 1 to 8 in "${part}"`);
    out[name as ServiceName] = n;
  }
  return out;
}

/** `--pace`: a positive number of simulated hours per wall second, or `max`. */
export function parsePace(value: string): number | 'max' {
  if (value === 'max') return 'max';
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError(
      `expected max or a number of simulated hours > 0, got "${value}"`,
    );
  return n;
}

export function parseNonNegative(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new InvalidArgumentError(`expected a number ≥ 0, got "${value}"`);
  return n;
}

export function parseSeed(value: string): number {
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new InvalidArgumentError(`expected an integer, got "${value}"`);
  }
  return Number(value);
}

/** How `weft run` ends other than 0 (a run that drained and passed its audit) or 1 (an error). */
export const RunExit = {
  /** The pipeline did not empty before the clock stalled: the figures are of a partial run. */
  notDrained: 3,
  /** The run drained, and its state disagrees with the broker's events or the orders' records. */
  auditFailed: 4,
} as const;

/** What a distributed run's audit says: its lines to print and the exit code it asks for. */
export function auditVerdict(report: RunReport): { exitCode: number; lines: string[] } {
  const audit = report.audit;
  if (!audit) return { exitCode: 0, lines: [] };
  const failed = audit.checks.filter((c) => !c.ok);
  if (failed.length === 0)
    return { exitCode: 0, lines: [`audit: all ${audit.checks.length} checks passed`] };
  const lines = failed.map(
    (c) =>
      `audit: FAILED ${c.name}: expected ${String(c.expected)}, found ${String(c.found)} (${c.about})`,
  );
  const notDrained = failed.some((c) => c.name === 'drained');
  return { exitCode: notDrained ? RunExit.notDrained : RunExit.auditFailed, lines };
}

export async function writeReport(
  dir: string,
  report: RunReport,
): Promise<{ json: string; html: string }> {
  await mkdir(dir, { recursive: true });
  const json = join(dir, 'report.json');
  const html = join(dir, 'report.html');
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(html, renderReportHtml(report));
  return { json, html };
}

async function run(flags: RunFlags): Promise<void> {
  const scenario = scaleScenario(await loadScenario(flags.scenario, flags.seed), flags.scale);
  const out = resolve(flags.out ?? join('out', `${scenario.name}-seed${scenario.seed}`));
  const bar = new SingleBar(
    {
      format:
        ' {bar} {percentage}% | {value}/{total} simulated h | {events} events | {placed} orders{lag}',
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 2000,
    },
    Presets.shades_classic,
  );
  const show = flags.progress;
  if (show) bar.start(scenario.horizonHours, 0, { events: 0, placed: 0, lag: '' });
  const progress = (p: { simHours: number; events: number; placed: number; lag?: number }) => {
    if (show) {
      bar.update(Math.min(scenario.horizonHours, Math.floor(p.simHours)), {
        events: p.events,
        placed: p.placed,
        lag: p.lag === undefined ? '' : ` | lag ${p.lag}`,
      });
    }
  };
  const report =
    flags.engine === 'des'
      ? runDes(scenario, { onProgress: progress })
      : await runKafka(scenario, {
          pace: flags.pace,
          lookaheadSeconds: flags.lookahead,
          instances: flags.instances,
          keep: flags.keep,
          partitions: flags.partitions,
          ...(flags.attach ? { attach: attachTarget(flags) } : { stack: localStack() }),
          outDir: out,
          onProgress: progress,
          // The bar shows what the drain lines would; without it they are the progress.
          log: (line) => {
            if (!(show && line.startsWith('drain:'))) process.stderr.write(`${line}\n`);
          },
        });
  if (show) bar.stop();
  const files = await writeReport(out, report);
  process.stdout.write(
    `\n${formatKpiTable(report)}\n\nreport: ${files.json}\n        ${files.html}\n`,
  );
  const verdict = auditVerdict(report);
  const to = verdict.exitCode === 0 ? process.stdout : process.stderr;
  for (const line of verdict.lines) to.write(`${line}\n`);
  if (verdict.exitCode !== 0) process.exitCode = verdict.exitCode;
  const runId = report.kafka?.runId;
  if (flags.keep && !flags.attach && runId) process.stdout.write(keptNotice(runId, out));
}

/** What a kept run leaves behind, and how to watch and stop it. */
export function keptNotice(runId: string, out: string): string {
  return [
    '',
    `run ${runId} kept: its services keep running in the background (logs in ${join(out, 'logs')})`,
    `  weft stack status          lists them`,
    `  weft tail all --run ${runId}   shows its events`,
    `  weft stop --run ${runId}       stops them and deletes the run's topics and keys`,
    '',
  ].join('\n');
}

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run a scenario and write report.json and report.html')
    .addOption(
      new Option('--engine <engine>', 'des (in-process) or kafka (distributed)')
        .choices(['des', 'kafka'])
        .default('des'),
    )
    .option('--scenario <name|file>', 'a scenario in scenarios/ or a YAML file', 'default')
    .option('--seed <n>', "the random seed (default: the scenario's)", parseSeed)
    .option('--out <dir>', 'where to write the report (default: out/<scenario>-seed<n>)')
    .option('--no-progress', 'no progress bar')
    .option(
      '--scale <f>',
      "the scenario's world at f times its size: demand, shops and workshops together",
      parsePositive,
      1,
    )
    .option(
      '--pace <h|max>',
      'kafka: simulated hours per wall second at most, or max: as fast as the pipeline carries',
      parsePace,
      'max',
    )
    .option(
      '--lookahead <s>',
      'kafka: simulated seconds timers may fire ahead of what every service has applied',
      parseNonNegative,
      DEFAULT_LOOKAHEAD_SECONDS,
    )
    .option(
      '--instances <list>',
      'kafka: instances per service, e.g. shops=2,bidding=2',
      parseInstances,
      {},
    )
    .option(
      '--partitions <n>',
      'kafka: partitions per topic',
      (v) => Math.round(parsePositive(v)),
      6,
    )
    .option(
      '--keep',
      'kafka: leave the services, topics and stack running afterwards (`weft stop` stops them)',
      false,
    )
    .option(
      '--attach',
      'kafka: drive services already running (docker compose, Kubernetes) at WEFT_KAFKA_BROKERS and WEFT_REDIS_URL',
      false,
    )
    .option(
      '--run-id <id>',
      'kafka --attach: the WEFT_RUN_ID the services run under (default: none)',
    )
    .action(run);
}
