/** `weft run`: one scenario through an engine, with progress, a KPI table and a report. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { runDes } from '@weft/engine-des';
import { renderReportHtml, type RunReport } from '@weft/telemetry';
import { loadScenario } from './scenario-file';
import { formatKpiTable } from './run/kpi-table';

interface RunFlags {
  engine: 'des' | 'kafka';
  scenario: string;
  seed?: number;
  out?: string;
  progress: boolean;
}

export function parseSeed(value: string): number {
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new InvalidArgumentError(`expected an integer, got "${value}"`);
  }
  return Number(value);
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
  if (flags.engine === 'kafka') {
    throw new Error('--engine kafka: the distributed engine is not built yet; use --engine des');
  }
  const scenario = await loadScenario(flags.scenario, flags.seed);
  const out = resolve(flags.out ?? join('out', `${scenario.name}-seed${scenario.seed}`));
  const bar = new SingleBar(
    {
      format:
        ' {bar} {percentage}% | {value}/{total} simulated h | {events} events | {placed} orders',
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 2000,
    },
    Presets.shades_classic,
  );
  const show = flags.progress;
  if (show) bar.start(scenario.horizonHours, 0, { events: 0, placed: 0 });
  const report = runDes(scenario, {
    onProgress: (p) => {
      if (show)
        bar.update(Math.min(p.horizonHours, Math.floor(p.simHours)), {
          events: p.events,
          placed: p.placed,
        });
    },
  });
  if (show) bar.stop();
  const files = await writeReport(out, report);
  process.stdout.write(
    `\n${formatKpiTable(report)}\n\nreport: ${files.json}\n        ${files.html}\n`,
  );
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
    .action(run);
}
