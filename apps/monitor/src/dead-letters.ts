/** Dead letters the monitor has seen: how many, the recent ones, and counts by reason. */
import type { DeadLetter } from '@weft/contracts';
import type { DeadLettersView } from './dashboard-snapshot';

/** Recent dead letters kept. */
const RECENT = 100;
/**
 * Distinct (reason, service) pairs counted; later ones go under one "other reasons" line,
 * since a reason quotes what was wrong and a flood of bad messages could make each unique.
 */
const REASONS = 50;
const OTHER = 'other reasons';

export class DeadLetterBook {
  count = 0;
  private readonly recent: DeadLettersView['recent'] = [];
  private readonly byReason = new Map<string, DeadLettersView['byReason'][number]>();

  add(letter: DeadLetter): void {
    this.count++;
    const d = { reason: letter.reason, source: letter.sourceTopic, service: letter.service };
    this.recent.push(d);
    if (this.recent.length > RECENT) this.recent.shift();
    let key = `${d.service}\u0000${d.reason}`;
    if (!this.byReason.has(key) && this.byReason.size >= REASONS) key = OTHER;
    const row = this.byReason.get(key);
    if (row) row.count++;
    else
      this.byReason.set(key, {
        reason: key === OTHER ? OTHER : d.reason,
        service: key === OTHER ? '' : d.service,
        count: 1,
      });
  }

  /** The last `n`, oldest first. */
  last(n: number): DeadLettersView['recent'] {
    return this.recent.slice(-n);
  }

  view(): DeadLettersView {
    const byReason = [...this.byReason.values()]
      .sort((a, b) => b.count - a.count)
      .map((r) => ({ ...r }));
    return { count: this.count, byReason, recent: this.last(20).reverse() };
  }
}
