/** The capacity service's configuration, validated once at boot. */
import { parseEnv, serviceEnv, toServiceConfig, type ServiceConfig } from '@weft/service';

export const CapacityEnv = serviceEnv(3005);

export function loadCapacityConfig(
  env: Record<string, string | undefined> = process.env,
): ServiceConfig {
  return toServiceConfig('capacity', parseEnv(CapacityEnv, env), process.pid);
}
