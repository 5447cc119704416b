/** The local stack as a Kafka run's stack: brought up before the run, what it started stopped after. */
import type { RunStack } from '@weft/engine-kafka';
import { kafkaAddress, loadStackConfig, stackDown, stackUp } from '../stack';

export function localStack(env: NodeJS.ProcessEnv = process.env): RunStack {
  return {
    async up(log) {
      const config = loadStackConfig(env);
      const result = await stackUp(config, log);
      const ours = (['kafka', 'redis'] as const).filter((s) => result[s].action === 'started');
      return {
        brokers: [kafkaAddress(config)],
        redisUrl: config.redis.url,
        stop: async () => {
          if (ours.length > 0) await stackDown(config, log, { services: ours });
        },
      };
    },
  };
}
