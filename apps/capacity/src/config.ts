/** The capacity service's configuration, validated once at boot. */
import {
  parseEnv,
  positiveInt,
  serviceEnv,
  toServiceConfig,
  type ServiceConfig,
} from '@weft/service';

export const CapacityEnv = serviceEnv(3005).extend({
  /** Consumer lag one replica is expected to carry (the autoscaler's lag threshold). */
  WEFT_LAG_PER_REPLICA: positiveInt(100),
  /** How often consumer lag is measured and recommendations refreshed. */
  WEFT_LAG_POLL_MS: positiveInt(1000),
});

export interface CapacityConfig extends ServiceConfig {
  lagPerReplica: number;
  lagPollMs: number;
}

export function loadCapacityConfig(
  env: Record<string, string | undefined> = process.env,
): CapacityConfig {
  const parsed = parseEnv(CapacityEnv, env);
  return {
    ...toServiceConfig('capacity', parsed),
    lagPerReplica: parsed.WEFT_LAG_PER_REPLICA,
    lagPollMs: parsed.WEFT_LAG_POLL_MS,
  };
}
