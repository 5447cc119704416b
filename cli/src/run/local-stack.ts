/**
 * The local stack as a Kafka run's stack: taken before the run (brought up if needed) and let
 * go after it. The stack is shared: it stops only when the last run using it lets go, and
 * only if a run started it.
 */
import type { RunStack } from '@weft/engine-kafka';
import { acquireStack, loadStackConfig } from '../stack';

export function localStack(env: NodeJS.ProcessEnv = process.env): RunStack {
  return {
    async up(log) {
      const lease = await acquireStack(loadStackConfig(env), log);
      return {
        brokers: lease.brokers,
        redisUrl: lease.redisUrl,
        stop: async () => {
          await lease.release();
        },
      };
    },
  };
}
