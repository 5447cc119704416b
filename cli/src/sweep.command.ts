/**
 * `weft sweep`: the in-process engine over a grid of scenario parameters × seeds, on a pool
 * of worker threads; writes runs.csv, summary.csv, summary.json and sweep.html.
 */
import { join, resolve } from 'node:path';
import { Command, CommanderError } from 'commander';
import { ScenarioError } from '@weft/contracts';
import { loadScenario } from './scenario-file';
import { KPI_NAMES } from './sweep/kpis';
import { planSweep } from './sweep/plan';
import { runJobs } from './sweep/run-jobs';
import { summarizeRuns, type RunRow } from './sweep/summary';
import { formatSummary } from './sweep/summary-text';
import { loadSweepFile } from './sweep/sweep-file';
import { progressMode, sweepProgress } from './sweep/sweep-progress';
import { SWEEP_DEFAULTS, resolveSpec, type SweepFlags } from './sweep/sweep-spec';
import { SweepUsageError } from './sweep/sweep-usage-error';
import { writeSweep } from './sweep/write-sweep';

/** Exit code of a sweep asked for wrongly (a flag, the sweep file, a parameter or its value). */
export const USAGE_EXIT = 2;

async function sweep(flags: SweepFlags): Promise<void> {
  const file = flags.file === undefined ? undefined : await loadSweepFile(flags.file);
  const spec = resolveSpec(flags, file);
  const base = await loadScenario(spec.scenario);
  const { points, jobs } = planSweep(base, spec.params, spec.seeds, spec.scale);
  const out = resolve(
    flags.out ?? join('out', `sweep-${new Date().toISOString().replace(/[:.]/g, '-')}`),
  );
  process.stderr.write(
    `sweep: ${points.length} points × ${spec.seeds.length} seeds = ${jobs.length} runs of ${base.name} at scale ${spec.scale} on ${Math.min(spec.workers, jobs.length)} workers\n`,
  );
  const progress = sweepProgress(
    jobs.length,
    progressMode(flags.progress, process.stderr.isTTY === true),
  );
  const kpis = await runJobs(jobs, {
    workers: spec.workers,
    points,
    onDone: progress.done,
  }).finally(() => progress.stop());
  const runs: RunRow[] = jobs.map((job) => ({
    point: job.point,
    seed: job.seed,
    kpis: kpis[job.index],
  }));
  const summary = summarizeRuns(points, runs, KPI_NAMES);
  const meta = { scenario: base.name, scale: spec.scale, seeds: spec.seeds, params: spec.params };
  const files = await writeSweep(out, meta, KPI_NAMES, points, runs, summary);
  process.stdout.write(
    [
      '',
      formatSummary(spec.params, summary),
      '',
      `runs:    ${files.runsCsv}`,
      `summary: ${files.summaryCsv}`,
      `         ${files.summaryJson}`,
      `charts:  ${files.html}`,
      '',
    ].join('\n'),
  );
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerSweepCommand(program: Command): void {
  const command = program
    .command('sweep')
    .description(
      'run the in-process engine over a grid of scenario parameters × seeds; writes runs.csv, summary.csv, summary.json and sweep.html',
    )
    .option(
      '--file <sweep.yaml>',
      'a sweep file: scenario, scale, seeds and params (flags override it)',
    )
    .option(
      '--scenario <name|file>',
      `a scenario in scenarios/ or a YAML file (default: ${SWEEP_DEFAULTS.scenario}.yaml)`,
    )
    .option(
      '--param <path=values>',
      'a scenario number and its values, e.g. payments.commissionRate=0.02,0.05 or 0.02:0.2:0.06 (repeatable)',
      collect,
    )
    .option(
      '--seeds <n>',
      `seeds 1…n for every point, at least 5 (default: ${SWEEP_DEFAULTS.seeds})`,
    )
    .option('--seed-list <list>', 'the seeds for every point, e.g. 1,2,3,4,5 (at least 5)')
    .option('--scale <f>', `the world at f times its size (default: ${SWEEP_DEFAULTS.scale})`)
    .option('--workers <n>', 'worker threads (default: the CPUs available)')
    .option('--out <dir>', 'where to write the files (default: out/sweep-<time>)')
    .option('--progress', 'a progress bar even when stderr is not a terminal')
    .option('--no-progress', 'no progress output')
    .showHelpAfterError('(weft sweep --help lists the flags)')
    // A mistake in the flags is a usage error: exit 2, as for a bad parameter or value.
    .exitOverride((err) => {
      throw err.exitCode === 1 ? new CommanderError(USAGE_EXIT, err.code, err.message) : err;
    });
  command.action(async (flags: SweepFlags) => {
    try {
      await sweep(flags);
    } catch (err) {
      if (err instanceof SweepUsageError || err instanceof ScenarioError)
        command.error(`weft sweep: ${err.message}`, {
          exitCode: USAGE_EXIT,
          code: 'weft.sweep.usage',
        });
      throw err;
    }
  });
}
