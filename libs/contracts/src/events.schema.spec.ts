import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  DAY_MS,
  HOUR_MS,
  eventId,
  listingUnitCents,
  rfqCeilingUnitCents,
  unitCostCents,
  type Scenario,
  platformFeeRate,
} from '@weft/domain';
import { EventParseError, parseEvent } from './events.schema';
import { EventLimits, ScenarioLimits } from './limits';
import { parseScenario } from './scenario.schema';

const wire = (event: object) => Buffer.from(JSON.stringify({ v: 1, ...event }));

/** Why `bytes` is refused (the test fails if it is accepted). */
function reasonOf(bytes: Buffer): string {
  try {
    parseEvent(bytes);
  } catch (err) {
    if (err instanceof EventParseError) return err.reason;
    throw err;
  }
  throw new Error('expected the event to be refused');
}

const placed = (data: object = {}, envelope: object = {}) =>
  wire({
    id: 'o1:placed',
    type: 'OrderPlaced',
    atMs: 1,
    orderId: 'o1',
    data: {
      consumerId: 1,
      shopId: 2,
      category: 0,
      quantity: 2,
      unitPriceCents: 1200,
      totalCents: 2400,
      wantedByMs: 48 * HOUR_MS,
      ...data,
    },
    ...envelope,
  });

const awarded = (quantity: number) =>
  wire({
    id: 'o1:award',
    type: 'BidAwarded',
    atMs: HOUR_MS,
    orderId: 'o1',
    data: {
      shopId: 2,
      workshopId: 7,
      category: 0,
      quantity,
      unitPriceCents: 900,
      unitCostCents: 800,
      listingUnitCents: 1200,
      readyAtMs: 30 * HOUR_MS,
      bids: 3,
    },
  });

const rfq = (invited: number[]) =>
  wire({
    id: 'o1:rfq1',
    type: 'RfqOpened',
    atMs: 1,
    orderId: 'o1',
    data: {
      shopId: 2,
      category: 0,
      quantity: 2,
      round: 1,
      maxUnitCents: 1100,
      readyByMs: 12 * HOUR_MS,
      invited,
    },
  });

describe('events from a hostile sender', () => {
  it('refuses a BidAwarded for 10^15 units, naming the quantity', () => {
    expect(parseEvent(awarded(4)).type).toBe('BidAwarded');
    expect(reasonOf(awarded(1e15))).toMatch(/^BidAwarded\.data\.quantity: /);
  });

  it('refuses an RfqOpened inviting 150,000 workshops, naming the list', () => {
    const invited = Array.from({ length: 150_000 }, (_, i) => i);
    expect(reasonOf(rfq(invited))).toMatch(/^RfqOpened\.data\.invited: /);
  });

  it('refuses an OrderPlaced whose total is 2^53 − 1 cents, naming the total', () => {
    expect(reasonOf(placed({ totalCents: Number.MAX_SAFE_INTEGER }))).toMatch(
      /^OrderPlaced\.data\.totalCents: /,
    );
  });

  it('refuses an OrderPlaced whose order id is 700 KB long, naming the order id', () => {
    const orderId = `o${'9'.repeat(700_000)}`;
    expect(reasonOf(placed({}, { orderId, id: `${orderId}:placed` }))).toMatch(/event\.orderId: /);
  });

  it('names a 700 KB unknown key in a reason of at most 1 KB', () => {
    const key = 'k'.repeat(700_000);
    const envelope = reasonOf(placed({}, { [key]: 1 }));
    expect(envelope.length).toBeLessThanOrEqual(1024);
    expect(envelope).toContain(`event: unknown key "${'k'.repeat(64)}"… (700000 chars)`);
    const payload = reasonOf(placed({ [key]: 1 }));
    expect(payload.length).toBeLessThanOrEqual(1024);
    expect(payload).toMatch(/^OrderPlaced\.data: unknown key "k+"… \(700000 chars\)$/);
  });

  it('keeps the reason for a thousand wrong fields under 1 KB', () => {
    const invited = Array.from({ length: 1000 }, () => -1);
    const reason = reasonOf(rfq(invited));
    expect(reason.length).toBeLessThanOrEqual(1024);
    expect(reason).toMatch(/^RfqOpened\.data\.invited/);
  });
});

/** Well-formed events of the traditional chain, as the wholesalers' and their peers' roles emit them. */
const wholesale = {
  StockRequested: {
    id: 'o1:requested',
    orderId: 'o1',
    data: { shopId: 2, wholesalerId: 3, category: 0, quantity: 2, consumerUnitCents: 1200 },
  },
  WarehouseTick: { id: 'wh3:tick5', orderId: '', data: { wholesalerId: 3, n: 5 } },
  StockDispatched: {
    id: 'o1:dispatched',
    orderId: 'o1',
    data: {
      shopId: 2,
      wholesalerId: 3,
      category: 0,
      quantity: 2,
      filled: true,
      unitPriceCents: 800,
      consumerUnitCents: 1200,
    },
  },
  BatchOrdered: {
    id: 'batch:h3.0:w7',
    orderId: '',
    data: {
      wholesalerId: 3,
      workshopId: 7,
      category: 0,
      quantity: 5_000,
      unitPriceCents: 690,
      unitCostCents: 600,
    },
  },
  BatchDelivered: {
    id: 'batch:h3.0:w7:delivered',
    orderId: '',
    data: {
      wholesalerId: 3,
      workshopId: 7,
      category: 0,
      quantity: 5_000,
      unitPriceCents: 690,
      orderedAtMs: 7 * DAY_MS,
    },
  },
} as const;
type WholesaleType = keyof typeof wholesale;

const wholesaleEvent = (type: WholesaleType, data: object = {}) =>
  wire({
    ...wholesale[type],
    type,
    atMs: 30 * DAY_MS,
    data: { ...wholesale[type].data, ...data },
  });

describe('events of the traditional chain', () => {
  it.each(Object.keys(wholesale) as WholesaleType[])('accepts a well-formed %s', (type) => {
    const event = parseEvent(wholesaleEvent(type));
    expect(event).toMatchObject({ type, data: wholesale[type].data });
  });

  it.each<[WholesaleType, string, unknown]>([
    ['StockRequested', 'wholesalerId', -1],
    ['StockRequested', 'consumerUnitCents', 12.5],
    ['WarehouseTick', 'n', EventLimits.ticks + 1],
    ['StockDispatched', 'filled', 'yes'],
    ['StockDispatched', 'quantity', 0],
    ['BatchOrdered', 'quantity', 0],
    ['BatchOrdered', 'workshopId', -1],
    ['BatchDelivered', 'orderedAtMs', EventLimits.simMs + 1],
    ['BatchDelivered', 'wholesalerId', EventLimits.wholesalerId + 1],
  ])('refuses a %s whose %s is %p, naming the field', (type, field, value) => {
    expect(reasonOf(wholesaleEvent(type, { [field]: value }))).toMatch(
      new RegExp(`^${type}\\.data\\.${field}: `),
    );
  });

  it.each(Object.keys(wholesale) as WholesaleType[])(
    'refuses a %s with a field its schema does not know, naming it',
    (type) => {
      expect(reasonOf(wholesaleEvent(type, { orderCents: 1 }))).toBe(
        `${type}.data: unknown key "orderCents"`,
      );
    },
  );
});

/** default.yaml at every limit a user may write, with prices as high as a listing holds. */
function largestScenario(): Scenario {
  const doc = parse(
    readFileSync(join(__dirname, '..', '..', '..', 'scenarios', 'default.yaml'), 'utf8'),
  ) as Scenario;
  const L = ScenarioLimits;
  const peakFactor = Math.max(...doc.demand.hourlyCurve);
  // The dearest listing: the consumer's ceiling, raised for round two, at the highest margin.
  const priceFactor =
    (doc.demand.ceilingFactor.max * (1 + doc.shops.secondRoundRaise) * (1 + doc.shops.margin.max)) /
    (1 - platformFeeRate(doc.payments));
  return parseScenario({
    ...doc,
    durationHours: L.hours,
    horizonHours: L.hours,
    demand: {
      ...doc.demand,
      ordersPerHour: Math.floor(L.ordersPerHour / peakFactor),
      quantity: { min: 1, max: L.quantity },
      wantedLeadHours: { min: 1, max: L.hours },
      shopsCompared: L.shopsCompared,
    },
    categories: [
      { ...doc.categories[0], referencePriceCents: Math.floor(L.unitCents / priceFactor) },
    ],
    shops: { ...doc.shops, count: L.shops, workshopsInvited: L.workshopsInvited },
    workshops: { ...doc.workshops, count: L.workshops, lines: { min: 1, max: L.lines } },
    shipping: { ...doc.shipping, transitHours: { min: 1, max: L.hours } },
  });
}

describe('events of the largest scenario a user may write', () => {
  const s = largestScenario();
  const category = s.categories[0] as Scenario['categories'][number];
  const orderId = `o${EventLimits.arrivals}`;
  const lastWorkshop = s.workshops.count - 1;
  const consumerPrice = Math.round(category.referencePriceCents * s.demand.ceilingFactor.max);
  const quantity = s.demand.quantity.max;
  const wantedByMs = (s.durationHours + s.demand.wantedLeadHours.max) * HOUR_MS;
  const readyByMs = wantedByMs - s.shipping.transitHours.max * HOUR_MS;
  const maxUnitCents = rfqCeilingUnitCents(
    consumerPrice,
    s.shops.minMargin,
    2,
    s.shops.secondRoundRaise,
    platformFeeRate(s.payments),
  );
  const event = (type: string, suffix: string, atMs: number, data: object) =>
    wire({ id: eventId(orderId, suffix), type, atMs, orderId, data });
  const placedAtMs = s.durationHours * HOUR_MS - 1;

  it('are accepted', () => {
    const events = [
      event('OrderPlaced', 'placed', placedAtMs, {
        consumerId: EventLimits.arrivals,
        shopId: s.shops.count - 1,
        category: 0,
        quantity,
        unitPriceCents: consumerPrice,
        totalCents: consumerPrice * quantity,
        wantedByMs,
      }),
      event('OrderAccepted', 'accepted', placedAtMs, {
        shopId: s.shops.count - 1,
        category: 0,
        listingUnitCents: listingUnitCents(
          maxUnitCents,
          s.shops.margin.max,
          platformFeeRate(s.payments),
        ),
      }),
      event('RfqOpened', 'rfq2', placedAtMs + HOUR_MS, {
        shopId: s.shops.count - 1,
        category: 0,
        quantity,
        round: 2,
        maxUnitCents,
        readyByMs,
        invited: Array.from({ length: s.shops.workshopsInvited }, (_, i) => lastWorkshop - i),
      }),
      event('BidDeclined', `decl2:w${lastWorkshop}`, placedAtMs + HOUR_MS, {
        shopId: s.shops.count - 1,
        workshopId: lastWorkshop,
        round: 2,
      }),
      event('BidAwarded', 'award', placedAtMs + 2 * HOUR_MS, {
        shopId: s.shops.count - 1,
        workshopId: lastWorkshop,
        category: 0,
        quantity,
        unitPriceCents: maxUnitCents,
        unitCostCents: unitCostCents(category, s.workshops, 1),
        listingUnitCents: consumerPrice,
        readyAtMs: readyByMs,
        bids: s.shops.workshopsInvited,
      }),
      event('ProductionScheduled', 'scheduled', placedAtMs + 2 * HOUR_MS, {
        workshopId: lastWorkshop,
        shopId: s.shops.count - 1,
        startMs: 0,
        finishMs: EventLimits.simMs,
        workers: Math.round(s.workshops.lines.max * s.workshops.workersPerLine),
        // A day-shift workshop working overtime every night until the latest instant.
        spans: Array.from({ length: Math.floor(EventLimits.simMs / DAY_MS) * 2 }, (_, i) => ({
          fromMs: i * (DAY_MS / 2),
          toMs: (i + 1) * (DAY_MS / 2),
          overtime: i % 2 === 1,
        })),
      }),
      event('OrderDelivered', 'delivered', EventLimits.simMs, {
        shopId: s.shops.count - 1,
        workshopId: lastWorkshop,
        consumerId: EventLimits.arrivals,
        category: 0,
        placedAtMs,
        wantedByMs,
        totalCents: consumerPrice * quantity,
        costCents: maxUnitCents * quantity,
      }),
    ];
    for (const bytes of events) expect(() => parseEvent(bytes)).not.toThrow();
  });

  it('stay exact: the largest total and count are safe integers', () => {
    expect(EventLimits.orderCents).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
    expect(EventLimits.arrivals).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
  });
});
