/** A scenario for the domain's unit tests: the default world, written out (no file I/O). */
import type { Scenario } from '../src/scenario';

/** The default scenario's world (seed 42, 300 shops, 300 workshops, four categories). */
export function aScenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    name: 'default',
    description: 'test',
    seed: 42,
    durationHours: 24,
    horizonHours: 120,
    demand: {
      ordersPerHour: 3000,
      hourlyCurve: Array.from({ length: 24 }, () => 1),
      spikes: [],
      quantity: { min: 1, max: 4 },
      wantedLeadHours: { min: 48, max: 120 },
      ceilingFactor: { min: 0.85, max: 1.5 },
      shopsCompared: 5,
      ratingWeight: 0.3,
    },
    categories: [
      {
        name: 't-shirt',
        share: 0.45,
        materialCents: 600,
        minutesPerUnit: 6,
        referencePriceCents: 1200,
      },
      {
        name: 'hoodie',
        share: 0.2,
        materialCents: 1500,
        minutesPerUnit: 15,
        referencePriceCents: 3000,
      },
      {
        name: 'dress',
        share: 0.2,
        materialCents: 1200,
        minutesPerUnit: 20,
        referencePriceCents: 2600,
      },
      {
        name: 'phone-case',
        share: 0.15,
        materialCents: 150,
        minutesPerUnit: 2,
        referencePriceCents: 320,
      },
    ],
    shops: {
      count: 300,
      margin: { min: 0.15, max: 0.45 },
      minMargin: 0.05,
      workshopsInvited: 6,
      bidWindowHours: 1,
      secondRoundRaise: 0.15,
      award: { price: 1, rating: 0.3, leadTime: 0.3 },
      costMemory: 0.05,
    },
    workshops: {
      count: 300,
      lines: { min: 2, max: 8 },
      workersPerLine: 1.5,
      wageCentsPerHour: 600,
      nightShiftShare: 0.3,
      dayShift: { start: 8, end: 20 },
      overtimeBacklogHours: 8,
      markup: { start: 0.25, min: 0.03, max: 0.6, step: 0.01 },
      targetBacklogHours: 6,
    },
    shipping: { pickupHours: [10, 16, 22], transitHours: { min: 12, max: 36 } },
    payments: { commissionRate: 0.05 },
    capacity: {
      unitsPerEvent: 1,
      unitsPerInstanceHour: 20000,
      targetUtilization: 0.7,
      provisionDelayHours: 1,
      centsPerInstanceHour: 10,
      minInstances: 2,
    },
    ...overrides,
  };
}
