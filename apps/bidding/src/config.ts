/** The bidding service's configuration, validated once at boot. */
import { parseEnv, serviceEnv, toServiceConfig, type ServiceConfig } from '@weft/service';

export const BiddingEnv = serviceEnv(3003);

export function loadBiddingConfig(
  env: Record<string, string | undefined> = process.env,
): ServiceConfig {
  return toServiceConfig('bidding', parseEnv(BiddingEnv, env), process.pid);
}
