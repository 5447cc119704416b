import { aScenario } from '../test/a-scenario';
import {
  createShops,
  createWorkshops,
  INITIAL_RATING,
  initialShopView,
  initialSourcingCost,
  workshopsByCategory,
} from './world';

const scenario = aScenario();

describe('initialSourcingCost', () => {
  it('expects a unit to cost what a workshop asks at the starting mark-up', () => {
    // unit cost × 1.25: t-shirt 600 + 600 × 1.5 × 6/60 = 690 → 862.5; hoodie 1 725 → 2 156.25;
    // dress 1 500 → 1 875; phone case 180 → 225
    expect([0, 1, 2, 3].map((c) => initialSourcingCost(scenario, c))).toEqual([
      862.5, 2156.25, 1875, 225,
    ]);
  });

  it('expects nothing of a category the scenario does not have', () => {
    expect(initialSourcingCost(scenario, 4)).toBe(0);
  });
});

describe('createShops', () => {
  const shops = createShops(scenario);

  it('opens as many shops as the scenario says, numbered from 0', () => {
    expect(shops.map((s) => s.id)).toEqual(Array.from({ length: 300 }, (_, i) => i));
  });

  it('opens exactly the number of shops and workshops a smaller scenario asks for', () => {
    const small = aScenario({
      shops: { ...scenario.shops, count: 7 },
      workshops: { ...scenario.workshops, count: 11 },
    });
    expect(createShops(small)).toHaveLength(7);
    expect(createWorkshops(small)).toHaveLength(11);
  });

  it('opens the same shops for the same seed', () => {
    expect(createShops(aScenario())).toEqual(shops);
  });

  it('opens different shops for a different seed', () => {
    const other = createShops(aScenario({ seed: 43 }));
    expect(other.map((s) => s.margin)).not.toEqual(shops.map((s) => s.margin));
  });

  it('gives each shop a margin within the scenario’s range', () => {
    const margins = shops.map((s) => s.margin);
    expect(Math.min(...margins)).toBeGreaterThanOrEqual(0.15);
    expect(Math.max(...margins)).toBeLessThan(0.45);
  });

  it('starts every shop at the initial sourcing cost of every category', () => {
    for (const s of shops) expect([...s.sourcingCostCents]).toEqual([862.5, 2156.25, 1875, 225]);
  });
});

describe('createWorkshops', () => {
  const workshops = createWorkshops(scenario);

  it('opens as many workshops as the scenario says, numbered from 0', () => {
    expect(workshops.map((w) => w.id)).toEqual(Array.from({ length: 300 }, (_, i) => i));
  });

  it('opens the same workshops for the same seed', () => {
    expect(createWorkshops(aScenario())).toEqual(workshops);
  });

  it('opens different workshops for a different seed', () => {
    expect(createWorkshops(aScenario({ seed: 43 }))).not.toEqual(workshops);
  });

  it('gives each workshop between 2 and 8 lines and a crew of 1.5 workers a line, rounded', () => {
    for (const w of workshops) {
      expect(w.lines >= 2 && w.lines <= 8 && Number.isInteger(w.lines)).toBe(true);
      expect(w.crew).toBe(Math.round(w.lines * 1.5)); // e.g. 3 lines → 4.5 → 5
    }
    expect(new Set(workshops.map((w) => w.lines))).toEqual(new Set([2, 3, 4, 5, 6, 7, 8]));
  });

  it('opens idle workshops at the starting mark-up', () => {
    for (const w of workshops) expect([w.markup, w.busyUntilMs]).toEqual([0.25, 0]);
  });

  it('staffs a night shift in about the scenario’s share of workshops', () => {
    const nights = workshops.filter((w) => w.nightShift).length;
    // binomial: 300 × 0.3 = 90, sd = √(300 × 0.3 × 0.7) ≈ 7.9, ±4 sd ≈ ±32
    expect(Math.abs(nights - 90)).toBeLessThanOrEqual(32);
  });

  it('has every category made by some workshop, in proportion to its share', () => {
    const counts = [0, 1, 2, 3].map((c) => workshops.filter((w) => w.category === c).length);
    // 300 × 0.45 / 0.2 / 0.2 / 0.15 = 135 / 60 / 60 / 45; 4 sd ≈ 35 / 28 / 28 / 25
    const expected = [135, 60, 60, 45];
    const tolerance = [35, 28, 28, 25];
    counts.forEach((n, c) =>
      expect(Math.abs(n - (expected[c] ?? 0))).toBeLessThanOrEqual(tolerance[c] ?? 0),
    );
  });

  it('gives a crew of at least one worker even with fewer workers than lines', () => {
    const thin = aScenario({
      workshops: { ...scenario.workshops, workersPerLine: 0.1, lines: { min: 2, max: 2 } },
    });
    // 2 lines × 0.1 = 0.2 → 0 → at least 1
    expect(createWorkshops(thin).every((w) => w.crew === 1)).toBe(true);
  });
});

describe('workshopsByCategory', () => {
  const workshops = createWorkshops(scenario);
  const by = workshopsByCategory(scenario, workshops);

  it('lists one group per category', () => {
    expect(by).toHaveLength(4);
  });

  it('puts every workshop in exactly one group', () => {
    const all = by.flat().sort((a, b) => a - b);
    expect(all).toEqual(workshops.map((w) => w.id));
  });

  it('puts each workshop in the group of the category it makes', () => {
    by.forEach((ids, c) => {
      for (const id of ids) expect(workshops[id]?.category).toBe(c);
    });
  });
});

describe('initialShopView', () => {
  it('lists each shop’s categories at the initial cost plus its margin, all at four stars', () => {
    // margin fixed at 20%: t-shirt 862.5 × 1.2 = 1 035; hoodie 2 156.25 × 1.2 = 2 587.5 → 2 588;
    // dress 1 875 × 1.2 = 2 250; phone case 225 × 1.2 = 270
    const fixedMargin = aScenario({
      shops: { ...scenario.shops, count: 2, margin: { min: 0.2, max: 0.2 } },
    });
    const view = initialShopView(fixedMargin, createShops(fixedMargin));
    expect(view.categories).toBe(4);
    expect([...view.listingUnitCents]).toEqual([1035, 2588, 2250, 270, 1035, 2588, 2250, 270]);
    expect([...view.rating]).toEqual([INITIAL_RATING, INITIAL_RATING]);
    expect(INITIAL_RATING).toBe(4);
  });
});
