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
  /** News heard and not yet shown: `news[head..]` (what is before `head` was shown). */
  private news: CatalogueNews[] = [];
  private head = 0;
  /**
   * Whether the pending news is in time order, as it is when heard in time order (always,
   * in one process): what is due is then a prefix, found without looking at the rest.
   */
  private inOrder = true;
  /** What the last `showUntil` calls folded in (a store writes these through). */
  readonly shown: CatalogueNews[] = [];

  constructor(readonly view: ShopView) {}

  /** News not yet shown, in no particular order. */
  get pending(): CatalogueNews[] {
    this.compact();
    return this.news;
  }

  set pending(news: CatalogueNews[]) {
    this.news = news;
    this.head = 0;
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

  /** Folds every piece of news due by `nowMs` into the view, in time order, then by id. */
  showUntil(nowMs: number): void {
    const pending = this.news;
    if (pending.length === this.head) return;
    if (!this.inOrder) {
      this.compact();
      const due = this.news.filter((n) => n.atMs <= nowMs);
      if (due.length === 0) return;
      this.pending = this.news.filter((n) => n.atMs > nowMs);
      due.sort(byTimeThenId);
      for (const n of due) this.show(n);
      return;
    }
    // In time order: the due news is a prefix, already sorted but for ties of the same ms.
    let i = this.head;
    while (i < pending.length && (pending[i] as CatalogueNews).atMs <= nowMs) {
      const atMs = (pending[i] as CatalogueNews).atMs;
      let end = i + 1;
      while (end < pending.length && (pending[end] as CatalogueNews).atMs === atMs) end++;
      if (end - i === 1) this.show(pending[i] as CatalogueNews);
      else for (const n of pending.slice(i, end).sort(byTimeThenId)) this.show(n);
      i = end;
    }
    // Forget what was shown: clear the slots now, and move the rest down now and then.
    for (let k = this.head; k < i; k++) pending[k] = undefined as unknown as CatalogueNews;
    this.head = i;
    if (this.head === pending.length) {
      pending.length = 0;
      this.head = 0;
    } else if (this.head > COMPACT_AFTER && 2 * this.head > pending.length) this.compact();
  }

  private show(n: CatalogueNews): void {
    const view = this.view;
    if (n.kind === 'listing') view.listingUnitCents[n.slot] = n.value;
    else view.rating[n.slot] = updateRating(view.rating[n.slot] ?? n.value, n.value);
    this.shown.push(n);
  }

  /** Drops the shown news from the front of the list. */
  private compact(): void {
    if (this.head === 0) return;
    this.news.splice(0, this.head);
    this.head = 0;
  }
}

/** Shown news is dropped from the list's front in one move once this much has gathered. */
const COMPACT_AFTER = 1 << 10;

function byTimeThenId(a: CatalogueNews, b: CatalogueNews): number {
  return a.atMs - b.atMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function isInTimeOrder(news: readonly CatalogueNews[]): boolean {
  for (let i = 1; i < news.length; i++)
    if ((news[i - 1] as CatalogueNews).atMs > (news[i] as CatalogueNews).atMs) return false;
  return true;
}
