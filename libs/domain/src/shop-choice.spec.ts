import { Rng } from './rng';
import { chooseShop, rankShops, type ShopView } from './shop-choice';

/** A generator whose int() returns the shop ids it was given, in order. */
class ScriptedShops extends Rng {
  constructor(private readonly ids: number[]) {
    super(0);
  }

  override int(): number {
    const id = this.ids.shift();
    if (id === undefined) throw new Error('ScriptedShops: no more shop ids');
    return id;
  }
}

/** Shops of one category, each with a listing and a rating. */
function aView(shops: { listing: number; rating: number }[]): ShopView {
  return {
    listingUnitCents: Int32Array.from(shops.map((s) => s.listing)),
    rating: Float64Array.from(shops.map((s) => s.rating)),
    categories: 1,
  };
}

const ceiling = 1000;
const ratingWeight = 0.3;

/** Compares exactly the shops listed, in that order. */
function choose(view: ShopView, compared: number[], category = 0, ceilingCents = ceiling) {
  const shops = view.rating.length;
  return chooseShop(
    new ScriptedShops([...compared]),
    view,
    shops,
    category,
    ceilingCents,
    compared.length,
    ratingWeight,
  );
}

describe('chooseShop', () => {
  // score = 0.3 × stars − price / ceiling
  const view = aView([
    { listing: 900, rating: 4 }, // 1.2 − 0.9 = 0.30
    { listing: 800, rating: 4 }, // 1.2 − 0.8 = 0.40
    { listing: 950, rating: 5 }, // 1.5 − 0.95 = 0.55
    { listing: 1001, rating: 5 }, // over the ceiling
    { listing: 800, rating: 4 }, // same as shop 1
  ]);

  it('picks the cheaper of two equally rated shops', () => {
    expect(choose(view, [0, 1])).toEqual({ shopId: 1, unitPriceCents: 800 });
  });

  it('pays more at a better-rated shop when its stars outweigh the price', () => {
    expect(choose(view, [0, 1, 2])).toEqual({ shopId: 2, unitPriceCents: 950 });
  });

  it('skips a shop listed above the consumer’s ceiling however well rated', () => {
    expect(choose(view, [3, 0])).toEqual({ shopId: 0, unitPriceCents: 900 });
  });

  it('buys at a listing exactly at the ceiling', () => {
    expect(choose(aView([{ listing: 1000, rating: 3 }]), [0])).toEqual({
      shopId: 0,
      unitPriceCents: 1000,
    });
  });

  it('walks away when no compared shop is affordable', () => {
    expect(choose(view, [0, 1, 2, 4], 0, 700)).toBeNull();
    expect(choose(view, [3])).toBeNull();
  });

  it('prefers the lower shop id between two equal offers, whatever the order compared', () => {
    expect(choose(view, [4, 1])?.shopId).toBe(1);
    expect(choose(view, [1, 4])?.shopId).toBe(1);
  });

  it('reads the listing of the wanted category', () => {
    // Two categories: listings laid out [shop × 2 + category].
    const twoCategories: ShopView = {
      listingUnitCents: Int32Array.from([500, 990, 900, 600]),
      rating: Float64Array.from([4, 4]),
      categories: 2,
    };
    // category 1: shop 0 at 990 (1.2 − 0.99 = 0.21), shop 1 at 600 (1.2 − 0.6 = 0.60)
    expect(choose(twoCategories, [0, 1], 1)).toEqual({ shopId: 1, unitPriceCents: 600 });
    // category 0: shop 0 at 500 (0.70), shop 1 at 900 (0.30)
    expect(choose(twoCategories, [0, 1], 0)).toEqual({ shopId: 0, unitPriceCents: 500 });
  });

  it('draws the compared shops from the whole range of shop ids', () => {
    const many = aView(Array.from({ length: 4 }, () => ({ listing: 500, rating: 4 })));
    const seen = new Set<number>();
    for (let n = 0; n < 200; n++) {
      const c = chooseShop(new Rng(1, `order:${n}`), many, 4, 0, ceiling, 1, ratingWeight);
      if (c) seen.add(c.shopId);
    }
    expect(seen).toEqual(new Set([0, 1, 2, 3]));
  });
});

describe('rankShops, the platform’s ranking', () => {
  // Scores (0.3 × stars − price / 1 000): 0.7, 1.0, 0.85, 1.0, 0.4
  const view = aView([
    { listing: 800, rating: 5 },
    { listing: 500, rating: 5 },
    { listing: 500, rating: 4.5 },
    { listing: 200, rating: 4 },
    { listing: 800, rating: 4 },
  ]);

  it('shows the best `visible` shops, best first, ties to the lower id', () => {
    expect([...rankShops(view, 5, 0, 1000, ratingWeight, 3)]).toEqual([1, 3, 2]);
  });

  it('shows every shop when it has fewer than `visible`', () => {
    expect([...rankShops(view, 5, 0, 1000, ratingWeight, 9)]).toEqual([1, 3, 2, 0, 4]);
  });

  it('lets consumers compare only the shops it shows', () => {
    const shown = rankShops(view, 5, 0, 1000, ratingWeight, 2);
    const rng = new Rng(3, 'ranked');
    for (let i = 0; i < 200; i++) {
      const choice = chooseShop(rng, view, 5, 0, ceiling, 1, ratingWeight, shown);
      expect([1, 3]).toContain(choice?.shopId);
    }
  });
});
