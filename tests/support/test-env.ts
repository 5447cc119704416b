/** Where the integration tests find Kafka and Redis: the env the global setup exported. */
import { randomBytes } from 'node:crypto';
import { parseEnv, serviceEnv } from '@weft/service';

export function testStack() {
  const env = parseEnv(serviceEnv(0), process.env);
  return { brokers: env.WEFT_KAFKA_BROKERS, redisUrl: env.WEFT_REDIS_URL };
}

/** A name unique to this run, for topics, groups and key prefixes. */
export function runId(label: string): string {
  return `weft-it-${label}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** Polls until `check` returns a value, or fails with `what` after the deadline. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
