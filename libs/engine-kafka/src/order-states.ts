/**
 * The orders' own records in Redis, counted one by one: payments' escrow per open order and
 * shops' open orders. The audit sets them against the counters and the ledger.
 */
import type Redis from 'ioredis';
import { RunKeys } from '@weft/contracts';

export interface OrderStates {
  /** Orders with an escrow record (placed, neither delivered nor cancelled). */
  escrowOrders: number;
  /** The cents those records hold. */
  escrowCents: number;
  /** Shops' open orders (accepted, not shipped or cancelled) with no escrow record. */
  shopOrdersWithoutEscrow: number;
}

/** Keys per SCAN step and per MGET. */
const SCAN_COUNT = 1000;

/** A key name as a SCAN pattern that matches it literally. */
const literal = (s: string) => s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);

/**
 * Every order id with a record of `keyOf`'s kind, page by page. SCAN sees raw key names, so
 * the pattern carries the client's prefix; MGET and the caller's reads re-add it.
 */
async function* recordsOf(
  redis: Redis,
  keyOf: (orderId: string) => string,
): AsyncGenerator<string[]> {
  const prefix = (redis.options.keyPrefix ?? '') + keyOf('');
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(
      cursor,
      'MATCH',
      `${literal(prefix)}*`,
      'COUNT',
      SCAN_COUNT,
    );
    cursor = next;
    if (keys.length > 0) yield keys.map((k) => k.slice(prefix.length));
  } while (cursor !== '0');
}

/** The cents of one escrow record, or an error naming the record and what it holds. */
function escrowCents(orderId: string, raw: string): number {
  const cents = (JSON.parse(raw) as { cents?: unknown }).cents;
  if (typeof cents !== 'number' || !Number.isInteger(cents))
    throw new Error(`${RunKeys.escrow(orderId)}: expected { cents: integer }, got ${raw}`);
  return cents;
}

export async function readOrderStates(redis: Redis): Promise<OrderStates> {
  const held = new Set<string>();
  let escrowCentsSum = 0;
  for await (const ids of recordsOf(redis, RunKeys.escrow)) {
    const values = await redis.mget(ids.map(RunKeys.escrow));
    ids.forEach((id, k) => {
      const raw = values[k];
      // Paid out between the SCAN and the read (no longer open), or returned twice by SCAN.
      if (raw === null || raw === undefined || held.has(id)) return;
      held.add(id);
      escrowCentsSum += escrowCents(id, raw);
    });
  }
  const withoutEscrow = new Set<string>();
  for await (const ids of recordsOf(redis, RunKeys.shopOrder))
    for (const id of ids) if (!held.has(id)) withoutEscrow.add(id);
  return {
    escrowOrders: held.size,
    escrowCents: escrowCentsSum,
    shopOrdersWithoutEscrow: withoutEscrow.size,
  };
}
