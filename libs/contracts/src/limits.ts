/**
 * How large anything on the wire may be, in one place: the largest scenario a user may
 * write (scenario.schema.ts enforces it), and every bound of an event or an operational
 * record derived from it and from how the domain makes ids, prices and times. A legitimate
 * event of the largest scenario passes; anything larger is refused, naming the field,
 * before it reaches state, a partition key or a sum.
 */
import { DAY_MS, HOUR_MS } from '@weft/domain';
import { SERVICE_NAMES } from './topics';

/** The largest scenario a user may write. */
export const ScenarioLimits = {
  /** Any span in simulated hours (duration, horizon, lead, transit, bid window, backlog): a year. */
  hours: 8_760,
  /**
   * The peak arrival rate (ordersPerHour × busiest hour × spikes): Alibaba's published
   * Singles'-Day peak of 583,000 orders a second (docs/scaling.md), rounded up.
   */
  ordersPerHour: 2_100_000_000,
  /** Shops, and workshops: above the platform's 8.5 million online shops (DESIGN.md). */
  shops: 10_000_000,
  workshops: 10_000_000,
  /** Wholesalers of the traditional chain (the shipped scenario: 12). */
  wholesalers: 100_000,
  categories: 1_000,
  /**
   * Workshops one RFQ invites (the shipped scenarios: 6). An order makes about four events
   * per invitee and round; at 100, every event of the largest run still has a safe-integer
   * count (see `events` below).
   */
  workshopsInvited: 100,
  shopsCompared: 1_000,
  /** Units in one order (the shipped scenarios: 1–4). */
  quantity: 1_000_000,
  lines: 1_000,
  workersPerLine: 100,
  /** A workshop's mark-up (start, min, max, step): ten times its cost. */
  markup: 10,
  /** Any per-unit price: listings live in an Int32Array (world.ts, shop-choice.ts). */
  unitCents: 2 ** 31 - 1,
} as const;

/** An RFQ is re-tendered once, then cancelled (shops.role.ts): rounds are 1 and 2. */
const ROUNDS = 2;

/**
 * Arrivals of the largest run: arrival times are a Poisson process thinned from the peak
 * rate, so their count has mean ≤ peak × hours; ten standard deviations above it are never
 * reached (and the count only grows with the rate, so every smaller scenario stays under it).
 */
const meanArrivals = ScenarioLimits.ordersPerHour * ScenarioLimits.hours;
const ARRIVALS = Math.ceil(meanArrivals + 10 * Math.sqrt(meanArrivals));

/**
 * The events of one order at most: arrival, placed, escrow, accepted; per round an RFQ,
 * its window, and an invitation and an answer per invitee; award, scheduled, started,
 * finished, shipped, delivered, released or refunded, rating.
 */
const EVENTS_PER_ORDER = 4 + ROUNDS * (2 + 2 * ScenarioLimits.workshopsInvited) + 8;

/**
 * The latest simulated instant of any event: the last placement (≤ horizon), the wanted
 * lead, two bid windows, production past its promise when awards pile on a queue (a margin
 * of one more span), the wait for a pickup slot (≤ a day) and the transit.
 */
const LATEST_HOURS = 6 * ScenarioLimits.hours + 24;

/** Ids as the domain makes them: `o${n}` for orders, `${orderId}:${suffix}` for events. */
const orderId = `o${ARRIVALS}`;
const eventIdForms = [
  `${orderId}:decl${ROUNDS}:w${ScenarioLimits.workshops - 1}`,
  `${orderId}:delivered`,
  `arrival:${ARRIVALS}`,
  `demand:${LATEST_HOURS}`,
  // A review every hour at most, so a wholesaler orders at most a batch an hour.
  `batch:h${ScenarioLimits.wholesalers - 1}.${LATEST_HOURS}:w${ScenarioLimits.workshops - 1}:delivered`,
  `wh${ScenarioLimits.wholesalers - 1}:tick${LATEST_HOURS}`,
];

/** Bounds of every field of an event. */
export const EventLimits = {
  /** Longest event id and order id the domain makes (an arrival's order id is ''). */
  eventIdChars: Math.max(...eventIdForms.map((s) => s.length)),
  orderIdChars: orderId.length,
  simMs: LATEST_HOURS * HOUR_MS,
  /** Arrival numbers, and consumer ids (a consumer is its arrival). */
  arrivals: ARRIVALS,
  shopId: ScenarioLimits.shops - 1,
  workshopId: ScenarioLimits.workshops - 1,
  category: ScenarioLimits.categories - 1,
  quantity: ScenarioLimits.quantity,
  wholesalerId: ScenarioLimits.wholesalers - 1,
  /** A batch for stock: weeks of a wholesaler's demand; bounded only by exact arithmetic. */
  batchQuantity: Number.MAX_SAFE_INTEGER,
  ticks: LATEST_HOURS,
  rounds: ROUNDS,
  /** Invitees of an RFQ, and so the bids it gets. */
  invited: ScenarioLimits.workshopsInvited,
  unitCents: ScenarioLimits.unitCents,
  /** An order's total (price × quantity, and the escrow, payout and cost it becomes). */
  orderCents: ScenarioLimits.unitCents * ScenarioLimits.quantity,
  /** A bid's mark-up is its price over its cost, rounded to the cent: at most max + ½ cent. */
  markup: ScenarioLimits.markup + 1,
  /** A crew: lines × workers per line. */
  workers: ScenarioLimits.lines * ScenarioLimits.workersPerLine,
  /** Working spans of a job: a day span and a night (overtime) span per day, at most. */
  spans: 2 * Math.ceil((LATEST_HOURS * HOUR_MS) / DAY_MS) + 1,
} as const;

/** Bounds of the operational records (capacity.usage, capacity.scaled). */
export const OpsLimits = {
  /** The services' own names. */
  serviceChars: Math.max(...SERVICE_NAMES.map((s) => s.length)),
  /** WEFT_INSTANCE_ID, by default `${service}-${pid}`; a Kubernetes pod name is ≤ 253. */
  instanceIdChars: 253,
  simMs: EventLimits.simMs,
  hour: LATEST_HOURS,
  /** Events of the largest run: what one record counts, and what a consumer group lags. */
  events: ARRIVALS * EVENTS_PER_ORDER + LATEST_HOURS,
  /**
   * Capacity figures (units, instances, utilisation, cost) scale with the scenario's free
   * capacity parameters, so nothing tighter follows from the model; past this, sums lose cents.
   */
  capacityFigure: Number.MAX_SAFE_INTEGER,
  /** A wall clock before 2100: a later one is broken or forged. */
  wallMs: Date.UTC(2100, 0, 1),
} as const;

/** Reasons are logged and sent as a header: whatever a message holds, a reason stays short. */
export const ReasonLimits = {
  /** One quoted name or value (an unknown key, a parse error's excerpt). */
  quotedChars: 64,
  /** The whole reason. */
  chars: 1_024,
} as const;
