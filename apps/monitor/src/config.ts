/** The monitor service's configuration, validated once at boot. */
import { parseEnv, serviceEnv, toServiceConfig, type ServiceConfig } from '@weft/service';

export const MonitorEnv = serviceEnv(3000);

export function loadMonitorConfig(
  env: Record<string, string | undefined> = process.env,
): ServiceConfig {
  return toServiceConfig('monitor', parseEnv(MonitorEnv, env), process.pid);
}
