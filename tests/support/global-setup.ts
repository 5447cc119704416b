/** Jest globalSetup (integration): the local stack up, and where it is, for every test. */
import { kafkaAddress, loadStackConfig, SERVICES, stackUp } from '../../cli/src/stack';

/**
 * Services this setup started itself, for the teardown (same process). A stack brought up
 * before the run, by `weft stack up` or .ci/run, is reused and left running afterwards.
 */
export const STARTED_BY_SETUP = 'WEFT_STACK_STARTED_BY_JEST';

export default async function globalSetup(): Promise<void> {
  const config = loadStackConfig();
  const result = await stackUp(config, (line) => process.stdout.write(`[weft stack] ${line}\n`));
  process.env[STARTED_BY_SETUP] = SERVICES.filter(
    (service) => result[service].action === 'started',
  ).join(',');
  process.env.WEFT_KAFKA_BROKERS = kafkaAddress(config);
  process.env.WEFT_REDIS_URL = config.redis.url;
}
