/**
 * Which run a watching verb looks at, and where its broker is. Runs are recorded in the
 * stack's home (`<home>/runs`) by the `weft run` that drives them, for as long as one of
 * their processes lives: that record, not Redis or the topic list, says which runs exist,
 * since a finished run deletes its topics and keys but one killed with -9 leaves them. The
 * default is the newest run on this stack; `--run` names another, or one of a deployment
 * (`weft run --attach`), whose broker WEFT_KAFKA_BROKERS gives.
 */
import { randomBytes } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import { createKafka } from '@weft/kafka';
import { createLogger } from '@weft/telemetry';
import { attachTarget } from '../run.command';
import { liveRuns, loadStackConfig } from '../stack';
import { usageError } from './topic-choice';

export interface WatchedRun {
  runId: string;
  /** Its topics' prefix: `<runId>.` */
  topicPrefix: string;
  kafka: Kafka;
}

/** A run id as `weft run` makes them, or as a deployment's WEFT_RUN_ID may be. */
export function parseRunId(value: string): string {
  if (!/^[\w.-]{1,100}$/.test(value))
    throw usageError(
      `expected a run id such as rmf3k2a1b9c0d (letters, digits, . _ -), got "${value}"`,
    );
  return value;
}

async function chooseRun(
  runId: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<{ runId: string; brokers?: string[] }> {
  const home = loadStackConfig(env).home;
  const runs = await liveRuns(home);
  if (runId === undefined) {
    const latest = runs[0];
    if (!latest)
      throw new Error(
        `no run on the stack in ${home}: start one (weft run --engine kafka [--keep]) or name one with --run <id>`,
      );
    return { runId: latest.record.runId, brokers: latest.record.brokers };
  }
  return { runId, brokers: runs.find((r) => r.record.runId === runId)?.record.brokers };
}

/**
 * The run to watch, with a Kafka client whose logs go to stderr (stdout is the verb's
 * output). Fails, naming the run, when its topics are not on the broker.
 */
export async function watchRun(
  flags: { run?: string },
  env: NodeJS.ProcessEnv = process.env,
): Promise<WatchedRun> {
  const chosen = await chooseRun(flags.run, env);
  const attached = attachTarget({ runId: chosen.runId });
  const brokers = chosen.brokers ?? attached.brokers;
  const kafka = createKafka(
    {
      brokers,
      clientId: `weft-cli-${randomBytes(3).toString('hex')}`,
      // A recorded run is on the local stack, which asks for no credentials.
      ...(chosen.brokers ? {} : attached.kafka),
    },
    createLogger('weft-cli', 'error', process.stderr),
  );
  const run = { runId: chosen.runId, topicPrefix: `${chosen.runId}.`, kafka };
  await withAdmin(run, async (admin) => {
    const topics = await admin.listTopics();
    if (!topics.some((t) => t.startsWith(run.topicPrefix)))
      throw new Error(
        `run ${run.runId} has no topics on ${brokers.join(',')}: it has ended (a run without --keep deletes them) or never started there`,
      );
  });
  return run;
}

/** An admin client for the length of `fn`. */
export async function withAdmin<T>(run: WatchedRun, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = run.kafka.admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}
