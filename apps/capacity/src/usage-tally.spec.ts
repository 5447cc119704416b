import type { UsageRecord } from '@weft/contracts';
import { HOUR_MS } from '@weft/domain';
import { UsageTally } from './usage-tally';

const record = (applied: number, events: number, hour: number, life = 'a'): UsageRecord => ({
  v: 1,
  kind: 'usage',
  service: 'shops',
  instanceId: 'shops-1',
  events,
  applied,
  life,
  simMs: hour * HOUR_MS + 1,
  wallMs: 1_700_000_000_000,
});

describe('UsageTally', () => {
  it('counts a record sent twice (a retried send that had reached the broker) once', () => {
    const tally = new UsageTally();
    const hours: number[] = [];
    tally.add(record(100, 100, 0), hours);
    tally.add(record(100, 100, 0), hours); // the retry's copy
    tally.add(record(160, 60, 1), hours);
    expect(hours).toEqual([100, 60]);
  });

  it('adds nothing for an older record arriving late, and starts over for a new life of the instance', () => {
    const tally = new UsageTally();
    const hours: number[] = [];
    tally.add(record(160, 60, 1), hours);
    expect(tally.add(record(100, 100, 0), hours)).toBe(0);
    tally.add(record(30, 30, 2, 'b'), hours); // restarted under the same name
    expect(hours).toEqual([0, 160, 30]);
  });
});
