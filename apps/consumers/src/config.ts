/** The consumers service's configuration, validated once at boot. */
import { parseEnv, serviceEnv, toServiceConfig, type ServiceConfig } from '@weft/service';

export const ConsumersEnv = serviceEnv(3001);

export function loadConsumersConfig(
  env: Record<string, string | undefined> = process.env,
): ServiceConfig {
  return toServiceConfig('consumers', parseEnv(ConsumersEnv, env), process.pid);
}
