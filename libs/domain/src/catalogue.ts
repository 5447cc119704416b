/**
 * The platform's catalogue: what consumers see of the shops. A new listing price or a new
 * rating reaches it a simulated minute after the fact (`CATALOGUE_DELAY_MS`), as a
 * platform's search index and review moderation take time. The delay is also what lets the
 * distributed engine agree with the in-process one: an arrival reads only what happened a
 * minute before it, and the clock guarantees that every role has applied that by the time
 * the arrival fires (its lookahead stays under the delay), while news that came early is
 * held back until its time. Pending news is folded in time order, so the result does not
 * depend on the order it arrived in.
 */
import { updateRating } from './delivery';
import type { ShopView } from './shop-choice';
import { MINUTE_MS } from './time';

export const CATALOGUE_DELAY_MS = MINUTE_MS;

/** One piece of news for the catalogue: a listing (slot shop × categories + category) or a rating (slot shop). */
export interface CatalogueNews {
  /** When it shows in the catalogue (simulated ms). */
  atMs: number;
  kind: 'listing' | 'rating';
  slot: number;
  /** The listing in cents, or the stars given. */
  value: number;
  /** The event it came from: a tie-break for news of the same ms, and its identity in a store. */
  id: string;
}

export class Catalogue {
  private news: CatalogueNews[] = [];
  /**
   * Whether `news` is in time order, as it is when heard in time order (always, in one
   * process): what is due is then a prefix, found without looking at the rest.
   */
  private inOrder = true;
  /** What the last `showUntil` calls folded in (a store writes these through). */
  readonly shown: CatalogueNews[] = [];

  constructor(readonly view: ShopView) {}

  /** News not yet shown, in no particular order. */
  get pending(): CatalogueNews[] {
    return this.news;
  }

  set pending(news: CatalogueNews[]) {
    this.news = news;
    this.inOrder = isInTimeOrder(news);
  }

  /** Hears of a new listing or rating at `nowMs`; it shows a delay later. */
  hear(
    kind: CatalogueNews['kind'],
    slot: number,
    value: number,
    nowMs: number,
    id: string,
  ): CatalogueNews {
    const news: CatalogueNews = { atMs: nowMs + CATALOGUE_DELAY_MS, kind, slot, value, id };
    const last = this.news[this.news.length - 1];
    if (last && last.atMs > news.atMs) this.inOrder = false;
    this.news.push(news);
    return news;
  }

  /** Folds every piece of news due by `nowMs` into the view, in time order. */
  showUntil(nowMs: number): void {
    const pending = this.news;
    if (pending.length === 0) return;
    let due: CatalogueNews[];
    if (this.inOrder) {
      let k = 0;
      while (k < pending.length && (pending[k] as CatalogueNews).atMs <= nowMs) k++;
      if (k === 0) return;
      due = pending.splice(0, k);
    } else {
      due = pending.filter((n) => n.atMs <= nowMs);
      if (due.length === 0) return;
      this.pending = pending.filter((n) => n.atMs > nowMs);
    }
    due.sort((a, b) => a.atMs - b.atMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const view = this.view;
    for (const n of due) {
      if (n.kind === 'listing') view.listingUnitCents[n.slot] = n.value;
      else view.rating[n.slot] = updateRating(view.rating[n.slot] ?? n.value, n.value);
      this.shown.push(n);
    }
  }
}

function isInTimeOrder(news: readonly CatalogueNews[]): boolean {
  for (let i = 1; i < news.length; i++)
    if ((news[i - 1] as CatalogueNews).atMs > (news[i] as CatalogueNews).atMs) return false;
  return true;
}
