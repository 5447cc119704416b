/** The shops service's configuration, validated once at boot. */
import { parseEnv, serviceEnv, toServiceConfig, type ServiceConfig } from '@weft/service';

export const ShopsEnv = serviceEnv(3002);

export function loadShopsConfig(
  env: Record<string, string | undefined> = process.env,
): ServiceConfig {
  return toServiceConfig('shops', parseEnv(ShopsEnv, env), process.pid);
}
