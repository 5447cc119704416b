import { aScenario } from '../test/a-scenario';
import {
  createShops,
  createWorkshops,
  INITIAL_RATING,
  initialShopView,
  initialSourcingCost,
  workShares,
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

  it('works every workshop by hand when the scenario automates none', () => {
    expect(workshops.every((w) => w.minutesFactor === 1)).toBe(true);
  });

  describe('with automation', () => {
    const automated = (share: number, seed = 42) =>
      createWorkshops(
        aScenario({
          seed,
          workshops: {
            ...scenario.workshops,
            automation: { share, minutesFactor: 0.4, capitalCentsPerLineDay: 3000 },
          },
        }),
      );
    const ids = (ws: ReturnType<typeof automated>) =>
      ws.filter((w) => w.minutesFactor !== 1).map((w) => w.id);

    it('changes nothing but the minutes factor: lines, shifts, crews and categories stay', () => {
      const withAutomation = automated(0.5);
      expect(withAutomation.map((w) => ({ ...w, minutesFactor: 1 }))).toEqual(workshops);
      expect(withAutomation.every((w) => w.minutesFactor === 1 || w.minutesFactor === 0.4)).toBe(
        true,
      );
    });

    it('automates about the share asked for, the same workshops for the same seed', () => {
      const chosen = ids(automated(0.5));
      expect(chosen.length).toBeGreaterThan(120);
      expect(chosen.length).toBeLessThan(180);
      expect(ids(automated(0.5))).toEqual(chosen);
      expect(ids(automated(0.5, 43))).not.toEqual(chosen);
    });

    it('automates more as the share grows, keeping those already automated', () => {
      const few = ids(automated(0.2));
      const many = ids(automated(0.6));
      expect(many.length).toBeGreaterThan(few.length);
      expect(few.every((id) => many.includes(id))).toBe(true);
      expect(ids(automated(1))).toHaveLength(300);
    });
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

  it('has every category made by some workshop, with line-hours in proportion to its work', () => {
    // Work of a mean order (2.5 units): 15 / 37.5 / 50 / 5 line-minutes; times the shares
    // 0.45 / 0.2 / 0.2 / 0.15 that is 27 % / 30 % / 40 % / 3 % of the work.
    const shares = workShares(scenario);
    const total = shares.reduce((a, b) => a + b, 0);
    expect(shares.map((x) => Math.round((100 * x) / total))).toEqual([27, 30, 40, 3]);
    const hours = [0, 0, 0, 0];
    for (const w of workshops) hours[w.category] += w.lines * (w.nightShift ? 24 : 12);
    const all = hours.reduce((a, b) => a + b, 0);
    // Each category's share of the line-hours is its share of the work, within one workshop.
    hours.forEach((h, c) =>
      expect(Math.abs(h / all - (shares[c] ?? 0) / total)).toBeLessThan((8 * 24) / all),
    );
  });

  it('balances the load: every category’s work per line-hour is within 10 % of the others', () => {
    const ordersPerDay = scenario.demand.ordersPerHour * 24;
    const loads = workShares(scenario).map((work, c) => {
      const lineMinutes = workshops
        .filter((w) => w.category === c)
        .reduce((a, w) => a + w.lines * (w.nightShift ? 24 : 12) * 60, 0);
      return (ordersPerDay * work) / lineMinutes;
    });
    // Within 10 %: a category made by a dozen workshops is dealt out a workshop at a time.
    expect(Math.max(...loads) / Math.min(...loads)).toBeLessThan(1.1);
  });

  it('gives every category a workshop first, even a world of as many workshops as categories', () => {
    const tiny = aScenario({ workshops: { ...scenario.workshops, count: 4 } });
    expect(new Set(createWorkshops(tiny).map((w) => w.category))).toEqual(new Set([0, 1, 2, 3]));
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
    // margin fixed at 20 %, grossed up by the 5 % commission: t-shirt 862.5 × 1.2 / 0.95 =
    // 1 089.47 → 1 089; hoodie 2 156.25 → 2 723.68 → 2 724; dress 1 875 → 2 368.42 → 2 368;
    // phone case 225 → 284.21 → 284
    const fixedMargin = aScenario({
      shops: { ...scenario.shops, count: 2, margin: { min: 0.2, max: 0.2 } },
    });
    const view = initialShopView(fixedMargin, createShops(fixedMargin));
    expect(view.categories).toBe(4);
    expect([...view.listingUnitCents]).toEqual([1089, 2724, 2368, 284, 1089, 2724, 2368, 284]);
    expect([...view.rating]).toEqual([INITIAL_RATING, INITIAL_RATING]);
    expect(INITIAL_RATING).toBe(4);
  });
});
