/** The monitor service's configuration, validated once at boot. */
import {
  parseEnv,
  positiveInt,
  serviceEnv,
  toServiceConfig,
  type ServiceConfig,
} from '@weft/service';

export const MonitorEnv = serviceEnv(3000).extend({
  /** Order journeys kept in memory at once; the oldest are forgotten beyond it. */
  WEFT_MONITOR_MAX_ORDERS: positiveInt(50_000),
});

export interface MonitorConfig extends ServiceConfig {
  maxOrders: number;
}

export function loadMonitorConfig(
  env: Record<string, string | undefined> = process.env,
): MonitorConfig {
  const parsed = parseEnv(MonitorEnv, env);
  return {
    ...toServiceConfig('monitor', parsed),
    maxOrders: parsed.WEFT_MONITOR_MAX_ORDERS,
  };
}
