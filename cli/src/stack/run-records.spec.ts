import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  liveRuns,
  processNow,
  runsHoldingStack,
  writeRunRecord,
  type RunRecord,
} from './run-records';

/** The pid of a process that has already exited: a run killed before it could let go. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolveExit) => child.once('exit', resolveExit));
  if (child.pid === undefined) throw new Error('no pid for the short-lived process');
  return child.pid;
}

describe('the runs recorded in a stack home', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'weft-runs-'));
  });
  afterEach(() => rm(home, { recursive: true, force: true }));

  async function record(runId: string, over: Partial<RunRecord>): Promise<RunRecord> {
    const r: RunRecord = {
      runId,
      startedAt: new Date().toISOString(),
      driver: await processNow(process.pid),
      keep: false,
      outDir: '/tmp/out',
      brokers: ['127.0.0.1:9092'],
      services: [],
      ...over,
    };
    await writeRunRecord(home, r);
    return r;
  }

  it('lists runs with a process alive, newest first, and sweeps away the others', async () => {
    const dead = { pid: await deadPid(), startTicks: '' };
    await record('r1', { startedAt: '2026-01-01T00:00:00.000Z' });
    await record('r2', { startedAt: '2026-01-02T00:00:00.000Z' });
    await record('gone', { driver: dead });
    const runs = await liveRuns(home);
    expect(runs.map((r) => r.record.runId)).toEqual(['r2', 'r1']);
    expect((await readdir(join(home, 'runs'))).sort()).toEqual(['r1.json', 'r2.json']);
  });

  it('does not take a pid given to another process since for the run’s', async () => {
    const me = await processNow(process.pid);
    await record('reused', { driver: { pid: process.pid, startTicks: `${me.startTicks}1` } });
    expect(await liveRuns(home)).toEqual([]);
  });

  it('counts as holding the stack a kept run, and services whose driver is gone; not a driven run', async () => {
    const service = {
      ...(await processNow(process.pid)),
      service: 'shops',
      instanceId: 'shops-1',
      port: 4000,
      logFile: '/tmp/out/logs/shops-1.log',
    };
    const dead = { pid: await deadPid(), startTicks: '' };
    await record('driven', { services: [service] });
    await record('kept', { keep: true, keptAt: new Date().toISOString(), services: [service] });
    await record('orphaned', { driver: dead, services: [service] });
    const holding = await runsHoldingStack(home);
    expect(holding.map((r) => r.record.runId).sort()).toEqual(['kept', 'orphaned']);
    expect(holding[0]?.liveServices).toEqual([service]);
  });
});
