/**
 * The local stack as a Kafka run's stack: taken before the run (brought up if needed) and let
 * go after it. The stack is shared: it stops only when the last run using it lets go, and
 * only if a run started it. The run is recorded in the stack's home while it lasts (and a
 * kept run until `weft stop`): `weft stack status` lists it, `weft tail` finds it.
 */
import type { RunProcesses, RunStack } from '@weft/engine-kafka';
import { acquireStack, loadStackConfig, withStackLock } from '../stack';
import { processNow, removeRunRecord, writeRunRecord, type RunRecord } from '../stack/run-records';

export function localStack(env: NodeJS.ProcessEnv = process.env): RunStack {
  return {
    async up(log) {
      const config = loadStackConfig(env);
      const lease = await acquireStack(config, log);
      const startedAt = new Date().toISOString();
      let recorded: RunRecord | undefined;
      return {
        brokers: lease.brokers,
        redisUrl: lease.redisUrl,
        async recordRun(run: RunProcesses) {
          recorded = {
            runId: run.runId,
            startedAt,
            driver: await processNow(process.pid),
            keep: run.keep,
            outDir: run.outDir,
            brokers: run.brokers,
            services: await Promise.all(
              run.services.map(async (s) => ({ ...s, ...(await processNow(s.pid)) })),
            ),
          };
          await writeRunRecord(config.home, recorded);
        },
        async handOver() {
          // Marked kept first: from then on the services hold the stack, so letting go of
          // this process's hold never stops it under them.
          if (recorded) {
            const kept = { ...recorded, keptAt: new Date().toISOString() };
            await withStackLock(config.home, log, () => writeRunRecord(config.home, kept));
          }
          await lease.release();
        },
        stop: async () => {
          if (recorded) await removeRunRecord(config.home, recorded.runId);
          await lease.release();
        },
      };
    },
  };
}
