/**
 * Runs a sweep's jobs on a pool of worker threads. Each result lands at its job's index,
 * so the rows come out in the same order whatever the pool size or finishing order.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Piscina } from 'piscina';
import { pointLabel, type GridPoint } from './grid';
import type { KpiRow } from './kpis';
import type { SweepJob } from './plan';

/**
 * The worker as compiled JavaScript: beside this file when it runs from dist/, or dist/'s
 * copy when it runs from the TypeScript sources (jest), since a worker thread loads plain
 * JavaScript with the path aliases already rewritten.
 */
export function sweepWorkerFile(): string {
  const beside = join(__dirname, 'sweep-worker.js');
  if (existsSync(beside)) return beside;
  const built = resolve(
    __dirname,
    '..',
    '..',
    '..',
    'dist',
    'cli',
    'src',
    'sweep',
    'sweep-worker.js',
  );
  if (existsSync(built)) return built;
  throw new Error(`the sweep worker ${built} is missing: run \`npm run build\` first`);
}

/**
 * The young generation of a worker that runs the in-process engine, in MB. Its events die
 * young by the million, while orders in flight live for hours: with V8's default (16 MB
 * semi-spaces) a scavenge comes every few thousand events and copies whatever is in
 * flight, and a sixth of the run goes to that. Three 64 MB semi-spaces' worth is what
 * `npm run bench` runs with (`--max-semi-space-size=64`).
 */
const DES_YOUNG_GENERATION_MB = 192;

export interface RunJobsOptions {
  workers: number;
  points: GridPoint[];
  /** Called as each job finishes, with how many have. */
  onDone?: (done: number) => void;
}

export async function runJobs(jobs: SweepJob[], options: RunJobsOptions): Promise<KpiRow[]> {
  const threads = Math.max(1, Math.min(options.workers, jobs.length));
  const pool = new Piscina<SweepJob['scenario'], KpiRow>({
    filename: sweepWorkerFile(),
    minThreads: threads,
    maxThreads: threads,
    resourceLimits: { maxYoungGenerationSizeMb: DES_YOUNG_GENERATION_MB },
  });
  const rows = new Array<KpiRow>(jobs.length);
  let done = 0;
  try {
    await Promise.all(
      jobs.map(async (job) => {
        try {
          rows[job.index] = await pool.run(job.scenario);
        } catch (err) {
          const where = `${pointLabel(options.points[job.point])} seed ${job.seed}`;
          throw new Error(`sweep run ${where} failed: ${(err as Error).message}`, { cause: err });
        }
        options.onDone?.(++done);
      }),
    );
    return rows;
  } finally {
    await pool.destroy();
  }
}
