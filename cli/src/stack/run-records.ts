/**
 * The runs on a stack: one file per run under `<home>/runs`, written by the run's driver
 * when its services start (and again when one is replaced), removed when the run ends.
 * A kept run's file stays after its driver exits: the services it lists hold the stack
 * until `weft stop` stops them. Each pid comes with its process's start time, so a pid
 * the kernel has given to another process since is never taken for ours.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { isAlive, startTicksOf } from './processes';
import { systemErrorCode } from './stack-errors';

const pid = z.number().int().positive();

const processRecord = z.object({
  pid,
  /** Field 22 of /proc/<pid>/stat ('' without /proc: the pid alone has to do). */
  startTicks: z.string(),
});

const serviceRecord = processRecord.extend({
  service: z.string(),
  instanceId: z.string(),
  port: z.number().int().positive(),
  logFile: z.string(),
});

const runRecord = z.object({
  runId: z.string().regex(/^[\w.-]+$/),
  startedAt: z.string(),
  /** The process driving the run (`weft run`). */
  driver: processRecord,
  keep: z.boolean(),
  /** When the driver finished and left the services running. */
  keptAt: z.string().optional(),
  outDir: z.string(),
  brokers: z.array(z.string()),
  services: z.array(serviceRecord),
});
export type RunRecord = z.infer<typeof runRecord>;
export type RunServiceRecord = z.infer<typeof serviceRecord>;

/** A run as found now: which of its processes still run. */
export interface LiveRun {
  record: RunRecord;
  driverAlive: boolean;
  /** Its services whose pid is still the process the run started. */
  liveServices: RunServiceRecord[];
}

function runsDir(home: string): string {
  return join(home, 'runs');
}

function runFile(home: string, runId: string): string {
  return join(runsDir(home), `${runId}.json`);
}

/** This process, or a child it started, as a record names it. */
export async function processNow(p: number): Promise<z.infer<typeof processRecord>> {
  return { pid: p, startTicks: (await startTicksOf(p)) ?? '' };
}

/** Through a temporary file and a rename: a reader never sees half a record. */
export async function writeRunRecord(home: string, record: RunRecord): Promise<void> {
  await mkdir(runsDir(home), { recursive: true });
  const path = runFile(home, record.runId);
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(record, null, 2)}\n`);
  await rename(tmp, path);
}

export async function removeRunRecord(home: string, runId: string): Promise<void> {
  await rm(runFile(home, runId), { force: true });
}

/** Whether `p` is still the process the record names. */
export async function stillOurs(p: z.infer<typeof processRecord>): Promise<boolean> {
  if (p.startTicks === '') return isAlive(p.pid);
  return (await startTicksOf(p.pid)) === p.startTicks;
}

async function liveness(record: RunRecord): Promise<LiveRun> {
  const [driverAlive, alive] = await Promise.all([
    stillOurs(record.driver),
    Promise.all(record.services.map(stillOurs)),
  ]);
  return { record, driverAlive, liveServices: record.services.filter((_, i) => alive[i]) };
}

/**
 * The runs with a process still running, newest first. The files of runs with none left
 * (a driver killed with -9 whose services are gone too) and unreadable ones are removed.
 */
export async function liveRuns(home: string): Promise<LiveRun[]> {
  let names: string[];
  try {
    names = await readdir(runsDir(home));
  } catch (err) {
    if (systemErrorCode(err) === 'ENOENT') return [];
    throw err;
  }
  const live: LiveRun[] = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const file = join(runsDir(home), name);
    const record = await readRecord(file);
    const run = record && (await liveness(record));
    if (run && (run.driverAlive || run.liveServices.length > 0)) live.push(run);
    else await rm(file, { force: true });
  }
  return live.sort((a, b) => b.record.startedAt.localeCompare(a.record.startedAt));
}

/**
 * Runs that hold the stack without a driver holding it for them: kept runs, and the
 * services a driver killed with -9 left behind. Stopping the stack would pull Kafka and
 * Redis from under them.
 */
export async function runsHoldingStack(home: string): Promise<LiveRun[]> {
  return (await liveRuns(home)).filter(
    (r) => r.liveServices.length > 0 && (r.record.keptAt !== undefined || !r.driverAlive),
  );
}

async function readRecord(file: string): Promise<RunRecord | undefined> {
  try {
    const parsed = runRecord.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Removed meanwhile, or written by a process that died in writeFile: not a run.
    return undefined;
  }
}
