import { CATALOGUE_DELAY_MS, Catalogue } from './catalogue';
import type { ShopView } from './shop-choice';

function aView(): ShopView {
  return {
    listingUnitCents: new Int32Array(4),
    rating: new Float64Array(2).fill(4),
    categories: 2,
  };
}

describe('the catalogue consumers see', () => {
  it('shows a new listing a delay after it was set, not before', () => {
    const c = new Catalogue(aView());
    c.hear('listing', 3, 1500, 10_000, 'a');
    c.showUntil(10_000 + CATALOGUE_DELAY_MS - 1);
    expect(c.view.listingUnitCents[3]).toBe(0);
    c.showUntil(10_000 + CATALOGUE_DELAY_MS);
    expect(c.view.listingUnitCents[3]).toBe(1500);
    expect(c.pending).toEqual([]);
    expect(c.shown.map((n) => n.id)).toEqual(['a']);
  });

  it('folds news in time order, whatever order it was heard in', () => {
    const inOrder = new Catalogue(aView());
    inOrder.hear('listing', 0, 1000, 1_000, 'x');
    inOrder.hear('rating', 1, 1, 2_000, 'y');
    inOrder.hear('listing', 0, 1100, 3_000, 'z');
    inOrder.hear('rating', 1, 5, 4_000, 'w');
    const late = new Catalogue(aView());
    late.hear('rating', 1, 5, 4_000, 'w');
    late.hear('listing', 0, 1100, 3_000, 'z');
    late.hear('rating', 1, 1, 2_000, 'y');
    late.hear('listing', 0, 1000, 1_000, 'x');
    for (const c of [inOrder, late]) c.showUntil(4_000 + CATALOGUE_DELAY_MS);
    expect(late.view.listingUnitCents[0]).toBe(1100);
    expect(Array.from(late.view.rating)).toEqual(Array.from(inOrder.view.rating));
    expect(late.view.rating[1]).not.toBe(4);
  });

  it('keeps news that is not due yet', () => {
    const c = new Catalogue(aView());
    c.hear('listing', 1, 900, 0, 'a');
    c.hear('listing', 1, 950, 30_000, 'b');
    c.showUntil(CATALOGUE_DELAY_MS);
    expect(c.view.listingUnitCents[1]).toBe(900);
    expect(c.pending.map((n) => n.id)).toEqual(['b']);
  });
});
