/**
 * The wire format of every event: one envelope, validated when consumed, with a schema
 * per event type. A failure names the field and the problem; the transport sends such an
 * event to the dead-letter topic with that reason.
 */
import { z } from 'zod';
import { EVENT_TYPES, type AnyEvent, type EventPayloads, type EventType } from '@weft/domain';

export const EVENT_SCHEMA_VERSION = 1;

const int = z.number().int();
const nat = int.min(0);
const id = nat;
const cents = nat;

const payloads: { [T in EventType]: z.ZodType<EventPayloads[T]> } = {
  ArrivalDue: z.strictObject({ n: nat }),
  DemandTick: z.strictObject({ n: nat, fromMs: nat }),
  OrderPlaced: z.strictObject({
    consumerId: id,
    shopId: id,
    category: id,
    quantity: int.positive(),
    unitPriceCents: cents,
    totalCents: cents,
    wantedByMs: nat,
  }),
  EscrowHeld: z.strictObject({
    shopId: id,
    consumerId: id,
    amountCents: cents,
    category: id,
    quantity: int.positive(),
    unitPriceCents: cents,
    placedAtMs: nat,
    wantedByMs: nat,
  }),
  OrderAccepted: z.strictObject({ shopId: id, category: id, listingUnitCents: cents }),
  RfqOpened: z.strictObject({
    shopId: id,
    category: id,
    quantity: int.positive(),
    round: int.positive(),
    maxUnitCents: cents,
    readyByMs: int,
    invited: z.array(id),
  }),
  BidInvited: z.strictObject({
    shopId: id,
    workshopId: id,
    category: id,
    quantity: int.positive(),
    round: int.positive(),
    maxUnitCents: cents,
    readyByMs: int,
  }),
  BidPlaced: z.strictObject({
    shopId: id,
    workshopId: id,
    round: int.positive(),
    unitPriceCents: cents,
    unitCostCents: cents,
    markup: z.number(),
    readyAtMs: nat,
    rating: z.number().min(0).max(5),
  }),
  BidDeclined: z.strictObject({ shopId: id, workshopId: id, round: int.positive() }),
  RfqClosed: z.strictObject({ shopId: id, round: int.positive() }),
  BidAwarded: z.strictObject({
    shopId: id,
    workshopId: id,
    category: id,
    quantity: int.positive(),
    unitPriceCents: cents,
    unitCostCents: cents,
    listingUnitCents: cents,
    readyAtMs: nat,
    bids: nat,
  }),
  ProductionScheduled: z.strictObject({
    workshopId: id,
    shopId: id,
    startMs: nat,
    finishMs: nat,
    workers: nat,
    spans: z.array(z.strictObject({ fromMs: nat, toMs: nat, overtime: z.boolean() })),
  }),
  ProductionStarted: z.strictObject({ workshopId: id }),
  ProductionFinished: z.strictObject({ workshopId: id, shopId: id }),
  OrderShipped: z.strictObject({ shopId: id, workshopId: id, deliverAtMs: nat }),
  OrderDelivered: z.strictObject({
    shopId: id,
    workshopId: id,
    consumerId: id,
    placedAtMs: nat,
    wantedByMs: nat,
    totalCents: cents,
    costCents: cents,
  }),
  OrderCancelled: z.strictObject({ shopId: id, consumerId: id, reason: z.literal('no-bids') }),
  EscrowReleased: z.strictObject({
    shopId: id,
    workshopId: id,
    totalCents: cents,
    commissionCents: cents,
    workshopCents: cents,
  }),
  EscrowRefunded: z.strictObject({ consumerId: id, amountCents: cents }),
  RatingGiven: z.strictObject({ shopId: id, workshopId: id, stars: int.min(1).max(5) }),
};

export const EnvelopeSchema = z.strictObject({
  v: z.literal(EVENT_SCHEMA_VERSION, {
    message: `expected schema version ${EVENT_SCHEMA_VERSION}`,
  }),
  id: z.string().min(1),
  type: z.enum(EVENT_TYPES as [EventType, ...EventType[]], { message: 'unknown event type' }),
  atMs: nat,
  orderId: z.string(),
  data: z.unknown(),
});

export class EventParseError extends Error {
  readonly retriable = false;
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'EventParseError';
  }
}

/** Zod issues as one line: `prefix.path: message; …`. */
export const describeIssues = (issues: z.core.$ZodIssue[], prefix: string) =>
  issues
    .map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join('.')}: ${i.message}`)
    .join('; ');

/** A message's bytes as JSON, or an EventParseError saying why not. */
export function parseJsonMessage(bytes: Buffer | string | null | undefined): unknown {
  if (bytes === null || bytes === undefined) throw new EventParseError('empty message');
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new EventParseError(`not JSON: ${(err as Error).message}`);
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
export function eventJson(event: AnyEvent): string {
  return `{"v":${EVENT_SCHEMA_VERSION},${JSON.stringify(event).slice(1)}`;
}
