/** The payments service's configuration, validated once at boot. */
import { parseEnv, serviceEnv, toServiceConfig, type ServiceConfig } from '@weft/service';

export const PaymentsEnv = serviceEnv(3004);

export function loadPaymentsConfig(
  env: Record<string, string | undefined> = process.env,
): ServiceConfig {
  return toServiceConfig('payments', parseEnv(PaymentsEnv, env), process.pid);
}
