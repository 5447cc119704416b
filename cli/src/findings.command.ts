/**
 * `weft findings`: runs the studies in cli/src/findings/studies.ts as sweeps of the
 * in-process engine and writes docs/findings.md (and each study's runs.csv beside it).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { loadScenario } from './scenario-file';
import { renderFindings, type StudyResult } from './findings/render-findings';
import { STUDIES } from './findings/studies';
import { KPI_NAMES } from './sweep/kpis';
import { planSweep } from './sweep/plan';
import { runJobs } from './sweep/run-jobs';
import { seedsOfCount } from './sweep/seeds';
import { summarizeRuns } from './sweep/summary';
import { runsTable, toCsv } from './sweep/sweep-tables';

interface FindingsFlags {
  out: string;
  seeds: number;
  scale: number;
  workers: number;
  only?: string;
}

const positive = (what: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError(`${what}: expected a number > 0, got "${v}"`);
  return n;
};

async function findings(flags: FindingsFlags): Promise<void> {
  const seeds = seedsOfCount(flags.seeds);
  const studies = STUDIES.filter((s) => flags.only === undefined || s.id === flags.only);
  if (studies.length === 0)
    throw new InvalidArgumentError(
      `--only ${flags.only}: no such study; the studies are ${STUDIES.map((s) => s.id).join(', ')}`,
    );
  const out = resolve(flags.out);
  const results: StudyResult[] = [];
  for (const study of studies) {
    const worlds = [];
    for (const world of study.worlds) {
      const file = await loadScenario(world.scenario);
      const base = world.change ? world.change(file) : file;
      const { points, jobs } = planSweep(base, study.params, seeds, flags.scale);
      const started = Date.now();
      const kpis = await runJobs(jobs, { workers: flags.workers, points });
      const runs = jobs.map((job) => ({
        point: job.point,
        seed: job.seed,
        kpis: kpis[job.index] ?? {},
      }));
      process.stderr.write(
        `findings: ${study.id} · ${world.label}: ${jobs.length} runs in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
      const csv = join(
        dirname(out),
        'findings',
        `${study.id}-${world.label.replace(/\W+/g, '-')}.csv`,
      );
      await mkdir(dirname(csv), { recursive: true });
      await writeFile(csv, await toCsv(runsTable(study.params, KPI_NAMES, points, runs)));
      worlds.push({ label: world.label, summary: summarizeRuns(points, runs, KPI_NAMES) });
    }
    results.push({ study, worlds });
  }
  const command = `weft findings --seeds ${flags.seeds} --scale ${flags.scale}${flags.only ? ` --only ${flags.only}` : ''}`;
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, renderFindings(results, { seeds, scale: flags.scale, command }));
  process.stdout.write(`findings: ${out}\n`);
}

export function registerFindingsCommand(program: Command): void {
  program
    .command('findings')
    .description(
      'run the studies (commission and bidding, a Singles’-Day surge, an hours cap, the traditional chain, automation) as sweeps and write docs/findings.md',
    )
    .option('--out <file>', 'where to write the findings', 'docs/findings.md')
    .option('--seeds <n>', 'seeds per point, at least 5', positive('--seeds'), 5)
    .option('--scale <f>', 'the world at f times its size', positive('--scale'), 0.1)
    .option('--workers <n>', 'worker threads', positive('--workers'), availableParallelism())
    .option('--only <study>', `one study: ${STUDIES.map((s) => s.id).join(', ')}`)
    .action((flags: FindingsFlags) => findings(flags));
}
