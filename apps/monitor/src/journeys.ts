/**
 * Recent orders' journeys and the count of orders in each stage of their life, kept as
 * events arrive. Topics are read side by side, so an order's events may come out of their
 * order: an order only ever moves forward to a later stage. Memory is bounded: beyond
 * `maxOrders` the oldest order is forgotten.
 */
import { EMITTED_BY, type EventType } from '@weft/domain';
import { EventRoutes } from '@weft/contracts';
import type { JourneyView, OrderRef } from './dashboard-snapshot';

/** The stages of an order's life, in order; the two paths end in `settled` or `refunded`. */
export const ORDER_STAGES = [
  'placed',
  'escrow held',
  'accepted',
  'bidding',
  'awarded',
  'queued',
  'in production',
  'finished',
  'shipped',
  'delivered',
  'settled',
  'cancelled',
  'refunded',
] as const;

const stage = (name: (typeof ORDER_STAGES)[number]) => ORDER_STAGES.indexOf(name);

/** The stage each event brings its order to (a rating comes after the end: none). */
const STAGE_OF: Partial<Record<EventType, number>> = {
  OrderPlaced: stage('placed'),
  EscrowHeld: stage('escrow held'),
  OrderAccepted: stage('accepted'),
  RfqOpened: stage('bidding'),
  BidInvited: stage('bidding'),
  BidPlaced: stage('bidding'),
  BidDeclined: stage('bidding'),
  RfqClosed: stage('bidding'),
  BidAwarded: stage('awarded'),
  ProductionScheduled: stage('queued'),
  ProductionStarted: stage('in production'),
  ProductionFinished: stage('finished'),
  OrderShipped: stage('shipped'),
  OrderDelivered: stage('delivered'),
  EscrowReleased: stage('settled'),
  OrderCancelled: stage('cancelled'),
  EscrowRefunded: stage('refunded'),
};

const TERMINAL = new Set([stage('settled'), stage('refunded')]);

/** Orders offered on the page to open, per list. */
const SAMPLE = 8;

export interface JourneyStep {
  type: EventType;
  id: string;
  atMs: number;
  wallMs: number;
}

interface Journey {
  /** Index in ORDER_STAGES (−1: none yet). */
  stage: number;
  steps: JourneyStep[];
}

export class Journeys {
  private readonly orders = new Map<string, Journey>();
  /** Orders now in each stage; a terminal stage keeps counting orders after they are forgotten. */
  readonly stageCounts = new Array<number>(ORDER_STAGES.length).fill(0);
  /** Orders forgotten before they reached a terminal stage. */
  forgotten = 0;
  private readonly recentPlaced: string[] = [];
  private readonly recentEnded: string[] = [];

  /**
   * @param maxOrders orders kept at once.
   * @param onForget called with each event of an order forgotten (its id may be reused).
   */
  constructor(
    private readonly maxOrders: number,
    private readonly onForget: (eventId: string) => void = () => undefined,
  ) {}

  get size(): number {
    return this.orders.size;
  }

  /** Sees one event of an order (each id once). */
  record(orderId: string, type: EventType, id: string, atMs: number, wallMs: number): void {
    let journey = this.orders.get(orderId);
    if (!journey) {
      journey = { stage: -1, steps: [] };
      this.orders.set(orderId, journey);
      if (this.orders.size > this.maxOrders) this.forgetOldest();
    }
    journey.steps.push({ type, id, atMs, wallMs });
    if (type === 'OrderPlaced') remember(this.recentPlaced, orderId);
    const next = STAGE_OF[type];
    if (next === undefined || next <= journey.stage) return;
    if (journey.stage >= 0) this.stageCounts[journey.stage]--;
    this.stageCounts[next]++;
    journey.stage = next;
    if (TERMINAL.has(next)) remember(this.recentEnded, orderId);
  }

  private forgetOldest(): void {
    const [orderId, journey] = this.orders.entries().next().value ?? [];
    if (orderId === undefined || journey === undefined) return;
    for (const s of journey.steps) this.onForget(s.id);
    this.orders.delete(orderId);
    if (journey.stage >= 0 && !TERMINAL.has(journey.stage)) {
      this.stageCounts[journey.stage]--;
      this.forgotten++;
    }
  }

  /** One order's journey in simulated-time order, with topics and services; undefined: unknown. */
  journey(orderId: string): JourneyView | undefined {
    const journey = this.orders.get(orderId);
    if (!journey) return undefined;
    const steps = [...journey.steps]
      .sort((a, b) => a.atMs - b.atMs || a.wallMs - b.wallMs)
      .map((s) => ({ ...s, topic: EventRoutes[s.type].topic, service: EMITTED_BY[s.type] }));
    return { orderId, stage: stageName(journey.stage), steps };
  }

  byStage(): { stage: string; count: number }[] {
    return ORDER_STAGES.map((s, i) => ({ stage: s, count: this.stageCounts[i] ?? 0 }));
  }

  /** The orders placed last, and those that ended last, with their stage now. */
  sample(): { placed: OrderRef[]; ended: OrderRef[] } {
    const ref = (orderId: string) => ({
      orderId,
      stage: stageName(this.orders.get(orderId)?.stage ?? -1),
    });
    return { placed: this.recentPlaced.map(ref), ended: this.recentEnded.map(ref) };
  }
}

function stageName(index: number): string {
  return ORDER_STAGES[index] ?? 'unknown';
}

/** Keeps the last SAMPLE ids, newest first. */
function remember(list: string[], orderId: string): void {
  if (list[0] === orderId) return;
  list.unshift(orderId);
  if (list.length > SAMPLE) list.pop();
}
