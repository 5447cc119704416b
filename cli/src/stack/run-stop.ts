/** Stopping a run's services that outlived its driver (a kept run), by pid, and only ours. */
import { stopProcess } from './processes';
import { StackError } from './stack-errors';
import type { StackLog } from './stack-log';
import { liveRuns, removeRunRecord, stillOurs, type LiveRun } from './run-records';

/**
 * SIGTERM to each service still ours (SIGKILL after 15 s), all at once; then the run is
 * forgotten. Resolves the pids stopped.
 */
export async function stopRunServices(
  home: string,
  run: LiveRun,
  log: StackLog,
): Promise<number[]> {
  const { runId } = run.record;
  const pids = run.liveServices.map((s) => s.pid);
  if (pids.length > 0)
    log(`run ${runId}: stopping ${pids.length} service(s), pid ${pids.join(', ')}…`);
  // Checked again just before the signal: one may have exited since the run was read.
  await Promise.all(
    run.liveServices.map(async (s) => {
      if (await stillOurs(s)) await stopProcess(s.pid);
    }),
  );
  await removeRunRecord(home, runId);
  return pids;
}

/** The run of `runId` on this stack, or an error naming the runs there are. */
export async function findRun(home: string, runId: string): Promise<LiveRun> {
  const runs = await liveRuns(home);
  const run = runs.find((r) => r.record.runId === runId);
  if (run) return run;
  const known = runs.map((r) => r.record.runId);
  throw new StackError(
    `no run ${runId} on the stack in ${home}; ` +
      (known.length > 0 ? `its runs: ${known.join(', ')}` : 'it has no runs'),
    { retriable: false },
  );
}
