import { listingUnitCents, rfqCeilingUnitCents, updateSourcingCost } from './pricing';

describe('listingUnitCents', () => {
  it('lists a unit at its sourcing cost plus the shop’s margin', () => {
    expect(listingUnitCents(1000, 0.25, 0)).toBe(1250); // 1 000 × 1.25
  });

  it('lists in whole cents, rounding to the nearest', () => {
    expect(listingUnitCents(937.5, 0.3, 0)).toBe(1219); // 937.5 × 1.3 = 1 218.75
    expect(listingUnitCents(1001, 0.5, 0)).toBe(1502); // 1 001 × 1.5 = 1 501.5, half up
  });

  it('lists at cost when the margin is zero', () => {
    expect(listingUnitCents(862.5, 0, 0)).toBe(863);
  });
});

describe('rfqCeilingUnitCents', () => {
  it('offers a workshop at most the price less the shop’s least margin in the first round', () => {
    expect(rfqCeilingUnitCents(1250, 0.05, 1, 0.15, 0)).toBe(1187); // 1 250 × 0.95 = 1 187.5, down
  });

  it('raises the ceiling once by the second-round raise', () => {
    // 1 250 × 0.95 × 1.15 = 1 365.625, down
    expect(rfqCeilingUnitCents(1250, 0.05, 2, 0.15, 0)).toBe(1365);
    expect(rfqCeilingUnitCents(2000, 0.05, 2, 0.15, 0)).toBe(2185); // 1 900 × 1.15
  });

  it('never rounds a ceiling up past what keeps the margin', () => {
    expect(rfqCeilingUnitCents(999, 0.05, 1, 0.15, 0)).toBe(949); // 999 × 0.95 = 949.05
  });
});

describe('the platform’s fees reach prices', () => {
  it('gross the listing up, so the shop keeps its margin after the fee', () => {
    // 1 000 × 1.25 / (1 − 0.2) = 1 562.5, half up
    expect(listingUnitCents(1000, 0.25, 0.2)).toBe(1563);
    expect(listingUnitCents(1000, 0.25, 0.2) * (1 - 0.2)).toBeCloseTo(1250, 0);
  });

  it('lower the ceiling a workshop may bid up to', () => {
    // 1 250 × (1 − 0.2 − 0.05) = 937.5, down
    expect(rfqCeilingUnitCents(1250, 0.05, 1, 0.15, 0.2)).toBe(937);
    expect(rfqCeilingUnitCents(1250, 0.05, 1, 0.15, 0.2)).toBeLessThan(
      rfqCeilingUnitCents(1250, 0.05, 1, 0.15, 0.05),
    );
  });

  it('never make a ceiling negative', () => {
    expect(rfqCeilingUnitCents(1250, 0.5, 1, 0.15, 0.6)).toBe(0);
  });
});

describe('updateSourcingCost', () => {
  it('moves the running cost a memory’s share of the way toward the price paid', () => {
    expect(updateSourcingCost(1000, 1200, 0.05)).toBeCloseTo(1010, 9); // 1 000 + 0.05 × 200
    expect(updateSourcingCost(1000, 800, 0.25)).toBeCloseTo(950, 9); // 1 000 − 0.25 × 200
  });

  it('forgets nothing with memory 0 and everything with memory 1', () => {
    expect(updateSourcingCost(1000, 1200, 0)).toBe(1000);
    expect(updateSourcingCost(1000, 1200, 1)).toBe(1200);
  });
});
