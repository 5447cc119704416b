/**
 * The wire format of every event: one envelope, validated when consumed, with a schema
 * per event type. A failure names the field and the problem; the transport sends such an
 * event to the dead-letter topic with that reason.
 */
import { z } from 'zod';
import { EVENT_TYPES, type AnyEvent, type EventPayloads, type EventType } from '@weft/domain';
import { EventLimits as L, ReasonLimits } from './limits';

export const EVENT_SCHEMA_VERSION = 1;

// Every number and list has an upper bound and every string a length (limits.ts says why).
const int = z.number().int();
const upTo = (max: number) => int.min(0).max(max);
const time = upTo(L.simMs);
const shopId = upTo(L.shopId);
const workshopId = upTo(L.workshopId);
const consumerId = upTo(L.arrivals);
const category = upTo(L.category);
const quantity = int.positive().max(L.quantity);
const round = int.positive().max(L.rounds);
const unitCents = upTo(L.unitCents);
const orderCents = upTo(L.orderCents);
// A promised date can fall before zero: the wanted date less the slowest transit.
const promiseMs = int.min(-L.simMs).max(L.simMs);
const wholesalerId = upTo(L.wholesalerId);
const batchQuantity = int.positive().max(L.batchQuantity);
// An order shipped from a wholesaler's stock was made by no one workshop (-1), and a
// batch for stock is produced for no shop (-1).
const madeBy = int.min(-1).max(L.workshopId);
const madeFor = int.min(-1).max(L.shopId);

const payloads: { [T in EventType]: z.ZodType<EventPayloads[T]> } = {
  ArrivalDue: z.strictObject({ n: upTo(L.arrivals) }),
  DemandTick: z.strictObject({ n: upTo(L.arrivals), fromMs: time }),
  OrderPlaced: z.strictObject({
    consumerId,
    shopId,
    category,
    quantity,
    unitPriceCents: unitCents,
    totalCents: orderCents,
    wantedByMs: time,
  }),
  EscrowHeld: z.strictObject({
    shopId,
    consumerId,
    amountCents: orderCents,
    category,
    quantity,
    unitPriceCents: unitCents,
    placedAtMs: time,
    wantedByMs: time,
  }),
  OrderAccepted: z.strictObject({ shopId, category, listingUnitCents: unitCents }),
  RfqOpened: z.strictObject({
    shopId,
    category,
    quantity,
    round,
    maxUnitCents: unitCents,
    readyByMs: promiseMs,
    invited: z.array(workshopId).max(L.invited),
  }),
  BidInvited: z.strictObject({
    shopId,
    workshopId,
    category,
    quantity,
    round,
    maxUnitCents: unitCents,
    readyByMs: promiseMs,
  }),
  BidPlaced: z.strictObject({
    shopId,
    workshopId,
    round,
    unitPriceCents: unitCents,
    unitCostCents: unitCents,
    markup: z.number().min(-1).max(L.markup),
    readyAtMs: time,
    rating: z.number().min(0).max(5),
  }),
  BidDeclined: z.strictObject({ shopId, workshopId, round }),
  RfqClosed: z.strictObject({ shopId, round }),
  BidAwarded: z.strictObject({
    shopId,
    workshopId,
    category,
    quantity,
    unitPriceCents: unitCents,
    unitCostCents: unitCents,
    listingUnitCents: unitCents,
    readyAtMs: time,
    bids: upTo(L.invited),
  }),
  ProductionScheduled: z.strictObject({
    workshopId,
    shopId: madeFor,
    startMs: time,
    finishMs: time,
    workers: upTo(L.workers),
    spans: z
      .array(z.strictObject({ fromMs: time, toMs: time, overtime: z.boolean() }))
      .max(L.spans),
  }),
  ProductionStarted: z.strictObject({ workshopId }),
  ProductionFinished: z.strictObject({ workshopId, shopId }),
  OrderShipped: z.strictObject({ shopId, workshopId: madeBy, deliverAtMs: time }),
  OrderDelivered: z.strictObject({
    shopId,
    workshopId: madeBy,
    consumerId,
    category,
    placedAtMs: time,
    wantedByMs: time,
    totalCents: orderCents,
    costCents: orderCents,
  }),
  OrderCancelled: z.strictObject({
    shopId,
    consumerId,
    category,
    placedAtMs: time,
    reason: z.enum(['no-bids', 'out-of-stock']),
  }),
  EscrowReleased: z.strictObject({
    shopId,
    workshopId: madeBy,
    totalCents: orderCents,
    commissionCents: orderCents,
    workshopCents: orderCents,
  }),
  EscrowRefunded: z.strictObject({ consumerId, amountCents: orderCents }),
  RatingGiven: z.strictObject({ shopId, workshopId: madeBy, stars: int.min(1).max(5) }),
  StockRequested: z.strictObject({
    shopId,
    wholesalerId,
    category,
    quantity,
    consumerUnitCents: unitCents,
  }),
  WarehouseTick: z.strictObject({ wholesalerId, n: upTo(L.ticks) }),
  StockDispatched: z.strictObject({
    shopId,
    wholesalerId,
    category,
    quantity,
    filled: z.boolean(),
    unitPriceCents: unitCents,
    consumerUnitCents: unitCents,
  }),
  BatchOrdered: z.strictObject({
    wholesalerId,
    workshopId,
    category,
    quantity: batchQuantity,
    unitPriceCents: unitCents,
    unitCostCents: unitCents,
  }),
  BatchDelivered: z.strictObject({
    wholesalerId,
    workshopId,
    category,
    quantity: batchQuantity,
    unitPriceCents: unitCents,
    orderedAtMs: time,
  }),
};

/** Every field name some event's payload has (`shopId`, `totalCents`…), sorted. */
export const PAYLOAD_FIELDS: readonly string[] = [
  ...new Set(
    Object.values(payloads).flatMap((schema) =>
      schema instanceof z.ZodObject ? Object.keys(schema.shape) : [],
    ),
  ),
].sort();

export const EnvelopeSchema = z.strictObject({
  v: z.literal(EVENT_SCHEMA_VERSION, {
    message: `expected schema version ${EVENT_SCHEMA_VERSION}`,
  }),
  id: z.string().min(1).max(L.eventIdChars),
  type: z.enum(EVENT_TYPES as [EventType, ...EventType[]], { message: 'unknown event type' }),
  atMs: time,
  orderId: z.string().max(L.orderIdChars),
  data: z.unknown(),
});

/** A reason cut to `ReasonLimits.chars`, whatever the message that caused it held. */
export const capReason = (reason: string): string =>
  reason.length <= ReasonLimits.chars ? reason : `${reason.slice(0, ReasonLimits.chars - 1)}…`;

/** A name or value as a reason quotes it: in full, or its start and how long it was. */
export const quoteShort = (s: string): string =>
  s.length <= ReasonLimits.quotedChars
    ? JSON.stringify(s)
    : `${JSON.stringify(s.slice(0, ReasonLimits.quotedChars))}… (${s.length} chars)`;

export class EventParseError extends Error {
  readonly retriable = false;
  /** Why, naming the field; never longer than `ReasonLimits.chars`. */
  readonly reason: string;
  /**
   * @param kind whether the bytes were no event at all (`unreadable`) or an event that
   *   breaks its schema (`invalid`): a bounded class for metrics, where the reason is not.
   */
  constructor(
    reason: string,
    readonly kind: 'unreadable' | 'invalid' = 'invalid',
  ) {
    const capped = capReason(reason);
    super(capped);
    this.reason = capped;
    this.name = 'EventParseError';
  }
}

/**
 * One issue as `prefix.path: message`. Zod quotes unknown keys whole, so a sender could make
 * the reason as long as its message: they are named here, shortened, three at most.
 */
function describeIssue(issue: z.core.$ZodIssue, prefix: string): string {
  const path = issue.path.map((p) =>
    String(p).length <= ReasonLimits.quotedChars ? String(p) : quoteShort(String(p)),
  );
  const where = [prefix, ...path].filter(Boolean).join('.');
  if (issue.code !== 'unrecognized_keys') return `${where}: ${issue.message}`;
  const named = issue.keys.slice(0, 3).map(quoteShort).join(', ');
  const more = issue.keys.length > 3 ? ` and ${issue.keys.length - 3} more` : '';
  return `${where}: unknown key${issue.keys.length > 1 ? 's' : ''} ${named}${more}`;
}

/** Zod issues as one line: `prefix.path: message; …`, cut to `ReasonLimits.chars`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], prefix: string): string {
  let reason = '';
  for (const issue of issues) {
    reason += (reason === '' ? '' : '; ') + describeIssue(issue, prefix);
    if (reason.length > ReasonLimits.chars) break;
  }
  return capReason(reason);
}

/** A message's bytes as JSON, or an EventParseError saying why not. */
export function parseJsonMessage(bytes: Buffer | string | null | undefined): unknown {
  if (bytes === null || bytes === undefined)
    throw new EventParseError('empty message', 'unreadable');
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new EventParseError(`not JSON: ${(err as Error).message}`, 'unreadable');
  }
}

/** Bytes from Kafka to a typed event, or an EventParseError naming what is wrong. */
export function parseEvent(bytes: Buffer | null): AnyEvent {
  const raw = parseJsonMessage(bytes);
  const env = EnvelopeSchema.safeParse(raw);
  if (!env.success) throw new EventParseError(describeIssues(env.error.issues, 'event'));
  const data = payloads[env.data.type].safeParse(env.data.data);
  if (!data.success)
    throw new EventParseError(describeIssues(data.error.issues, `${env.data.type}.data`));
  const { id: eventId, type, atMs, orderId } = env.data;
  return { id: eventId, type, atMs, orderId, data: data.data } as AnyEvent;
}

/**
 * The envelope of an event alone (id, type, times), its payload unread: for observers that
 * count and trace events but decide nothing from them. Appliers use `parseEvent`.
 */
export function parseEnvelope(
  bytes: Buffer | null,
): Pick<AnyEvent, 'id' | 'type' | 'atMs' | 'orderId'> {
  const env = EnvelopeSchema.safeParse(parseJsonMessage(bytes));
  if (!env.success) throw new EventParseError(describeIssues(env.error.issues, 'event'));
  const { id, type, atMs, orderId } = env.data;
  return { id, type, atMs, orderId };
}

export function serializeEvent(event: AnyEvent): Buffer {
  return Buffer.from(eventJson(event));
}

/** The event as its wire JSON (what `serializeEvent` encodes), built without a copy of the event. */
/**
 * The order id near the start of an event's JSON, for a log line about a message that is
 * no valid event (or too large to parse): read from its first bytes only, never trusted.
 */
export function peekOrderId(bytes: Buffer | string | null): string | undefined {
  if (bytes === null) return undefined;
  const head = typeof bytes === 'string' ? bytes.slice(0, 512) : bytes.toString('utf8', 0, 512);
  return /"orderId":"([\w:-]{1,64})"/.exec(head)?.[1];
}

export function eventJson(event: AnyEvent): string {
  return `{"v":${EVENT_SCHEMA_VERSION},${JSON.stringify(event).slice(1)}`;
}
