/** A scenario: every parameter of the simulated world. Validated at the edge (contracts). */

export interface Range {
  min: number;
  max: number;
}

export interface Spike {
  /** Simulated hour (from the start) at which the surge begins. */
  atHour: number;
  durationHours: number;
  /** Multiplies the arrival rate while it lasts. */
  factor: number;
}

export interface Category {
  name: string;
  /** Share of orders in this category (shares are normalised). */
  share: number;
  /** Material and overhead per unit, before labour. */
  materialCents: number;
  /** Machine minutes per unit on one line. */
  minutesPerUnit: number;
  /** What consumers expect to pay per unit, before their own taste. */
  referencePriceCents: number;
}

/** Automated workshops: fewer line-minutes a unit, at a capital cost per line and day. */
export interface Automation {
  /** Chance that a workshop is automated (drawn per workshop from the seed), in (0, 1]. */
  share: number;
  /** An automated line's minutes per unit as a share of the category's, in (0, 1). */
  minutesFactor: number;
  /**
   * What an automated line's machines cost its owner a day, in cents, used or not:
   * depreciation, interest and upkeep.
   */
  capitalCentsPerLineDay: number;
}

export interface Scenario {
  name: string;
  description: string;
  seed: number;
  /** Hours during which consumers place orders. */
  durationHours: number;
  /** Hours after which the run stops; orders still running are reported open. */
  horizonHours: number;
  /**
   * Whole days at the start whose orders warm the world up (mark-ups, ratings, sourcing
   * costs and queues settle) and are left out of the KPIs, which measure what follows.
   * Absent: 0. Orders still arrive for `durationHours` in all.
   */
  warmupDays?: number;
  demand: {
    ordersPerHour: number;
    /** 24 multipliers of the base rate, one per hour of the day. */
    hourlyCurve: number[];
    spikes: Spike[];
    quantity: Range;
    /** How long the consumer is willing to wait, in hours. */
    wantedLeadHours: Range;
    /** The consumer's ceiling as a multiple of the reference price. */
    ceilingFactor: Range;
    /** Shops a consumer compares before choosing. */
    shopsCompared: number;
    /** Weight of rating (stars) against price when choosing a shop. */
    ratingWeight: number;
  };
  categories: Category[];
  shops: {
    count: number;
    margin: Range;
    /** The least margin a shop keeps when it sets the RFQ ceiling. */
    minMargin: number;
    workshopsInvited: number;
    bidWindowHours: number;
    /** How much the ceiling rises for the second and last RFQ. */
    secondRoundRaise: number;
    /** Award score weights: price, rating, promised lead time. */
    award: { price: number; rating: number; leadTime: number };
    /** Weight of new costs in the shop's running sourcing cost (0..1). */
    costMemory: number;
  };
  workshops: {
    count: number;
    lines: Range;
    workersPerLine: number;
    wageCentsPerHour: number;
    /** Share of workshops that staff a night shift as a matter of course. */
    nightShiftShare: number;
    /** The regular day shift, hours of day [start, end). */
    dayShift: { start: number; end: number };
    /** Backlog (hours of work) past which a day-shift workshop works nights as overtime. */
    overtimeBacklogHours: number;
    /**
     * Hours a worker may work in a day (counted from the day shift's start): overtime ends
     * at dayShift.start + this. Absent: no cap, overtime runs round the clock.
     */
    maxHoursPerWorkerDay?: number;
    markup: { start: number; min: number; max: number; step: number };
    /**
     * Backlog (hours of its own working time) a workshop considers healthy; more raises
     * its mark-up, less lowers it.
     */
    targetBacklogHours: number;
    /**
     * Line-minutes of set-up per order (a customer's own design: files, screens,
     * patterns, a test piece), on top of the minutes per unit. Absent: 0.
     */
    setupMinutesPerOrder?: number;
    /**
     * Machines that take fewer minutes a unit, bought at a capital cost. Absent: every
     * workshop works by hand.
     */
    automation?: Automation;
  };
  shipping: {
    /** Hours of day at which the courier picks parcels up. */
    pickupHours: number[];
    transitHours: Range;
  };
  /**
   * The traditional chain, the platform's counter-model: shops buy from wholesalers' stock
   * instead of putting each order out to tender; wholesalers order large batches of
   * standard goods from their contract workshops for a forecast, weeks ahead, and ship
   * from stock. Absent: the platform chain.
   */
  wholesale?: Wholesale;
  /** The platform's own levers beyond its fees. Absent: none. */
  platform?: {
    /**
     * Shops of a category the platform shows consumers, ranked by stars and price; the
     * shops a consumer compares are drawn from these alone. Absent: every shop.
     */
    visibleShops?: number;
  };
  payments: {
    /** The platform's commission, a share of what the consumer pays. */
    commissionRate: number;
    /** A listing or advertising fee the platform charges shops, a share of sales. Absent: 0. */
    adFeeRate?: number;
  };
  capacity: {
    /** Compute units one event costs. */
    unitsPerEvent: number;
    /** Units one provisioned instance serves per simulated hour. */
    unitsPerInstanceHour: number;
    targetUtilization: number;
    provisionDelayHours: number;
    centsPerInstanceHour: number;
    minInstances: number;
  };
}

export interface Wholesale {
  /** Wholesalers; shop s buys from wholesaler s mod count, workshop w supplies w mod count. */
  count: number;
  /** The wholesaler's mark-up on its contract price (its price list for shops). */
  margin: number;
  /** The workshops' mark-up in a batch contract, on material and the crew's wages. */
  contractMarkup: number;
  /** Days between two reviews of stock, each of which orders batches. */
  reviewDays: number;
  /** Days of forecast demand a review orders up to (stock in hand and on order). */
  coverDays: number;
  /** Days of freight from a workshop to the warehouse. */
  freightDays: number;
  /** Weight of the last review period's requests in the forecast (0..1). */
  forecastMemory: number;
  /** Days of forecast demand in the warehouse when the run starts (bought before it). */
  openingStockDays: number;
}

/**
 * The same world at `factor` times the size: demand, shops, workshops (and wholesalers) scaled together
 * (so each workshop sees the same load), never fewer shops than a consumer compares or
 * workshops than a shop invites.
 */
export function scaleScenario(s: Scenario, factor: number): Scenario {
  if (factor === 1) return s;
  return {
    ...s,
    name: `${s.name}-x${factor}`,
    demand: {
      ...s.demand,
      ordersPerHour: s.demand.ordersPerHour * factor,
      spikes: s.demand.spikes.map((x) => ({ ...x })),
    },
    shops: {
      ...s.shops,
      count: Math.max(s.demand.shopsCompared, Math.round(s.shops.count * factor)),
    },
    workshops: {
      ...s.workshops,
      count: Math.max(s.shops.workshopsInvited, Math.round(s.workshops.count * factor)),
    },
    // Wholesalers of the same size: each keeps about as many shops and workshops.
    ...(s.wholesale && {
      wholesale: { ...s.wholesale, count: Math.max(1, Math.round(s.wholesale.count * factor)) },
    }),
  };
}
