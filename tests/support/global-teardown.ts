/** Jest globalTeardown (integration): lets go of the stack; only what a run started stops, and only if no one else holds it. */
import { LEASE } from './global-setup';
import type { StackLease } from '../../cli/src/stack';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as Record<symbol, StackLease | undefined>)[LEASE]?.release();
}
