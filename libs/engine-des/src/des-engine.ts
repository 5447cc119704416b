/**
 * The in-process engine: the whole world in one process over a virtual-time queue. It
 * delivers each event to the roles that handle it and fires timers in time order; every
 * decision is the domain's. The same scenario and seed give the same run, bit for bit.
 */
import {
  BiddingRole,
  ConsumersRole,
  PaymentsRole,
  Rng,
  SeededContext,
  ShopsRole,
  WholesalersRole,
  HOUR_MS,
  NO_REVISIONS,
  createShops,
  createWorkshops,
  initialShopView,
  workshopsByCategory,
  workshopWorkers,
  type AnyEvent,
  type EventPayloads,
  type EventType,
  type Reactor,
  type Scenario,
} from '@weft/domain';
import { KpiCollector } from '@weft/telemetry';
import { desEvent, desEventRng } from './des-event';
import { EventQueue } from './event-queue';

export interface DesProgress {
  simHours: number;
  horizonHours: number;
  events: number;
  placed: number;
}

export interface DesRunOptions {
  /** Called every `progressEvery` events and once at the end. */
  onProgress?: (p: DesProgress) => void;
  progressEvery?: number;
  /** Sees every event after the KPIs do (tests use it to check invariants). */
  observe?: (event: AnyEvent) => void;
}

/** Events between two housekeeping rounds (see keepHouse). */
const HOUSEKEEPING_EVERY = 1 << 14;

export class DesEngine extends SeededContext {
  readonly queue = new EventQueue();
  readonly kpi: KpiCollector;
  readonly consumers: ConsumersRole;
  readonly shops: ShopsRole;
  readonly bidding: BiddingRole;
  readonly payments: PaymentsRole;
  readonly wholesalers: WholesalersRole;
  /** The roles each event type goes to, in a fixed order. */
  private readonly routes: Partial<Record<EventType, Reactor[]>> = {};

  constructor(readonly scenario: Scenario) {
    super(scenario.seed);
    const shops = createShops(scenario);
    const workshops = createWorkshops(scenario);
    // Events are applied here in time order: nothing reads a workshop or a shop as it
    // stood before a write already applied, so they keep no revisions (see as-of.ts).
    for (const owner of [...shops, ...workshops]) owner.revisions = NO_REVISIONS;
    this.consumers = new ConsumersRole(scenario, initialShopView(scenario, shops));
    const byCategory = workshopsByCategory(scenario, workshops);
    this.shops = new ShopsRole(scenario, shops, byCategory);
    this.bidding = new BiddingRole(scenario, workshops);
    this.payments = new PaymentsRole(scenario);
    this.wholesalers = new WholesalersRole(scenario, workshops, byCategory);
    for (const house of WholesalersRole.openingWarehouses(scenario))
      this.wholesalers.warehouses.set(house.id, house);
    const roles = [this.consumers, this.shops, this.bidding, this.payments, this.wholesalers];
    for (const role of roles as Reactor[]) {
      for (const type of role.handles) this.routes[type] = [...(this.routes[type] ?? []), role];
    }
    this.kpi = new KpiCollector(scenario);
  }

  override emit<T extends EventType>(
    type: T,
    orderId: string,
    suffix: string,
    atMs: number,
    data: EventPayloads[T],
  ): void {
    this.deliver(desEvent(type, orderId, suffix, atMs, data));
  }

  protected override rngOf(event: AnyEvent): Rng {
    return desEventRng(this.seed, event);
  }

  protected deliver(event: AnyEvent): void {
    this.queue.push(event);
  }

  /** Runs to the horizon (or until nothing is left to happen). */
  run(options: DesRunOptions = {}): void {
    const horizonMs = this.scenario.horizonHours * HOUR_MS;
    const every = options.progressEvery ?? 1 << 16;
    const progress = () =>
      options.onProgress?.({
        simHours: this.nowMs / HOUR_MS,
        horizonHours: this.scenario.horizonHours,
        events: this.kpi.events,
        placed: this.kpi.placed,
      });
    this.consumers.start(this);
    this.wholesalers.start(this);
    const { queue, kpi, routes } = this;
    const observe = options.observe;
    let sinceProgress = 0;
    let sinceHousekeeping = 0;
    for (;;) {
      const event = queue.pop();
      if (!event || event.atMs > horizonMs) break;
      this.enter(event);
      kpi.observe(event);
      if (observe) observe(event);
      const roles = routes[event.type];
      if (roles) for (const role of roles) role.react(event, this);
      if (++sinceHousekeeping === HOUSEKEEPING_EVERY) {
        sinceHousekeeping = 0;
        this.keepHouse();
      }
      if (++sinceProgress === every) {
        sinceProgress = 0;
        progress();
      }
    }
    this.nowMs = horizonMs;
    progress();
  }

  /**
   * Keeps memory bounded by what is in flight. The catalogue folds its news only when a
   * consumer arrives, so once demand is over it would hold every later listing and rating;
   * and it keeps what it showed for a store to write through, which here there is none of.
   * Folding early changes nothing: news due now was heard a delay ago, and news heard
   * from now on is due later, so the fold stays in time order.
   */
  private keepHouse(): void {
    const catalogue = this.consumers.catalogue;
    catalogue.showUntil(this.nowMs);
    catalogue.shown.length = 0;
  }

  /** Workers in all workshops (two crews where a night shift runs). */
  workshopWorkers(): number {
    return workshopWorkers(this.bidding.workshops);
  }
}
