/**
 * `weft stop [--run ID]`: ends a kept run as a run without --keep ends itself: its services
 * stopped (by pid, only while each pid is still the process the run started), its topics
 * and Redis keys deleted, and the stack let go of (stopped if a run started it and nobody
 * else holds it).
 */
import { Command } from 'commander';
import { ALL_TOPICS, keyPrefixOf } from '@weft/contracts';
import { createKafka, createRedis, deleteKeysUnderPrefix } from '@weft/kafka';
import { createLogger } from '@weft/telemetry';
import {
  findRun,
  liveRuns,
  loadStackConfig,
  stopIfUnused,
  stopRunServices,
  withStackLock,
  type LiveRun,
  type StackConfig,
  type StackLog,
} from './stack';
import { parseRunId } from './watch/run-target';

const print: StackLog = (line) => process.stdout.write(`${line}\n`);

/** The run to stop: the one named, else the newest whose driver has finished. */
async function runToStop(config: StackConfig, runId: string | undefined): Promise<LiveRun> {
  if (runId !== undefined) return findRun(config.home, runId);
  const runs = (await liveRuns(config.home)).filter((r) => !r.driverAlive);
  const newest = runs[0];
  if (!newest) throw new Error(`no kept run on the stack in ${config.home}: nothing to stop`);
  return newest;
}

async function deleteRunData(config: StackConfig, run: LiveRun): Promise<void> {
  const { runId, brokers } = run.record;
  const kafka = createKafka(
    { brokers, clientId: `weft-stop-${runId}` },
    createLogger('weft-cli', 'error', process.stderr),
  );
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const topics = ALL_TOPICS.map((t) => `${runId}.${t}`).filter((t) => existing.has(t));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
  const redis = createRedis({ url: config.redis.url, keyPrefix: keyPrefixOf(runId) });
  try {
    const keys = await deleteKeysUnderPrefix(redis);
    print(`run ${runId}: deleted its topics and ${keys} Redis keys`);
  } finally {
    await redis.quit();
  }
}

async function stop(flags: { run?: string }): Promise<void> {
  const config = loadStackConfig(process.env);
  const run = await runToStop(config, flags.run);
  if (run.driverAlive && run.record.keptAt === undefined)
    throw new Error(
      `run ${run.record.runId} is still driven by pid ${run.record.driver.pid} (weft run): stop that one (Ctrl-C), and it stops its services itself`,
    );
  const stopped = await stopRunServices(config.home, run, print);
  print(`run ${run.record.runId}: ${stopped.length} service(s) stopped`);
  await deleteRunData(config, run);
  await withStackLock(config.home, print, () => stopIfUnused(config, print));
}

export function registerStopCommand(program: Command): void {
  program
    .command('stop')
    .description(
      'stop a kept run (weft run --keep): its services, its topics and keys, and the stack if a run started it and no one else uses it',
    )
    .option('--run <id>', 'the run (default: the newest kept run on this stack)', parseRunId)
    .action(stop);
}
