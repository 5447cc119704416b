import fc from 'fast-check';
import { awardRfq, betterBid, bidScore, type AwardWeights, type Bid } from './award';
import { HOUR_MS } from './time';

const at = (hour: number) => hour * HOUR_MS;
const weights: AwardWeights = { price: 1, rating: 0.3, leadTime: 0.3 };
const maxUnitCents = 1000;
const now = 0;
const readyBy = at(100);

function aBid(overrides: Partial<Bid> = {}): Bid {
  return {
    workshopId: 1,
    unitPriceCents: 900,
    unitCostCents: 690,
    markup: 900 / 690 - 1,
    readyAtMs: at(50),
    rating: 4,
    ...overrides,
  };
}

const award = (bids: Bid[]) => awardRfq(bids, maxUnitCents, now, readyBy, weights);

describe('bidScore', () => {
  it('adds price against the ceiling, missing stars out of four and share of the time used', () => {
    // 1 × 900/1 000 + 0.3 × (5 − 4)/4 + 0.3 × 50/100 = 0.9 + 0.075 + 0.15 = 1.125
    expect(bidScore(aBid(), maxUnitCents, now, readyBy, weights)).toBeCloseTo(1.125, 12);
  });

  it('does not reward a promised time before now', () => {
    // 0.9 + 0.075 + 0.3 × max(0, −1 h)/… = 0.975
    const early = aBid({ readyAtMs: at(9) });
    expect(bidScore(early, maxUnitCents, at(10), readyBy, weights)).toBeCloseTo(0.975, 12);
  });

  it('measures lead time against at least one millisecond when the deadline has passed', () => {
    // window = max(1, 100 h − 101 h) = 1 ms; lead 1 ms → 0.3 × 1/1 = 0.3; 0.9 + 0.075 + 0.3 = 1.275
    const bid = aBid({ readyAtMs: at(101) + 1 });
    expect(bidScore(bid, maxUnitCents, at(101), readyBy, weights)).toBeCloseTo(1.275, 12);
  });
});

describe('awardRfq', () => {
  const fourStarsAt900 = aBid({ workshopId: 1, unitPriceCents: 900 }); // 0.9 + 0.075 + 0.15 = 1.125
  // 0.8 + 0.15 + 0.15 = 1.1
  const threeStarsAt800 = aBid({ workshopId: 2, unitPriceCents: 800, rating: 3 });
  // 0.85 + 0 + 0.3 × 80/100 = 1.09
  const fiveStarsAt850Late = aBid({
    workshopId: 3,
    unitPriceCents: 850,
    readyAtMs: at(80),
    rating: 5,
  });

  it('awards the bid with the lowest score', () => {
    expect(award([fourStarsAt900, threeStarsAt800])).toBe(threeStarsAt800);
  });

  it('weighs a five-star workshop’s rating against its price and later finish', () => {
    expect(award([fourStarsAt900, threeStarsAt800, fiveStarsAt850Late])).toBe(fiveStarsAt850Late);
  });

  it('ignores a bid over the ceiling however well it would score', () => {
    // 1.001 + 0 + 0.3 × 10/100 = 1.031 would beat 1.09, but 1 001 > 1 000
    const overCeiling = aBid({
      workshopId: 4,
      unitPriceCents: 1001,
      readyAtMs: at(10),
      rating: 5,
    });
    expect(award([overCeiling, fiveStarsAt850Late])).toBe(fiveStarsAt850Late);
  });

  it('accepts a bid exactly at the ceiling', () => {
    const atCeiling = aBid({ unitPriceCents: 1000 });
    expect(award([atCeiling])).toBe(atCeiling);
  });

  it('gives a tie to the lower workshop id, whatever order the bids arrived in', () => {
    const seven = aBid({ workshopId: 7 });
    const five = aBid({ workshopId: 5 });
    expect(award([seven, five])?.workshopId).toBe(5);
    expect(award([five, seven])?.workshopId).toBe(5);
  });

  it('awards nothing when nobody bid', () => {
    expect(award([])).toBeNull();
  });

  it('awards nothing when every bid is over the ceiling', () => {
    expect(award([aBid({ unitPriceCents: 1200 })])).toBeNull();
  });
});

describe('betterBid', () => {
  it('awards as awardRfq does when bids are folded in one at a time, in any order', () => {
    const bid = fc.record({
      workshopId: fc.integer({ min: 0, max: 20 }),
      unitPriceCents: fc.integer({ min: 500, max: 1200 }),
      readyAtMs: fc.integer({ min: 0, max: at(120) }),
      rating: fc.constantFrom(1, 2.5, 3, 4, 4.5, 5),
    });
    fc.assert(
      fc.property(fc.array(bid, { maxLength: 8 }), (raw) => {
        const bids = raw.map((b) => aBid(b));
        let best: Bid | null = null;
        for (const b of [...bids].reverse())
          best = betterBid(best, b, maxUnitCents, now, readyBy, weights);
        const expected = award(bids);
        expect(best === null ? null : bidScore(best, maxUnitCents, now, readyBy, weights)).toBe(
          expected === null ? null : bidScore(expected, maxUnitCents, now, readyBy, weights),
        );
        expect(best?.workshopId).toBe(expected?.workshopId);
      }),
    );
  });
});
