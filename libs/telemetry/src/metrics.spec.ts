import { ServiceMetrics, scrapeRead } from './metrics';

/** The samples of a family in exposition text, as `labels value` lines. */
const samples = (text: string, family: string) =>
  text
    .split('\n')
    .filter((l) => l.startsWith(family))
    .map((l) => l.slice(family.length));

describe('ServiceMetrics', () => {
  it('exposes the weft families every service shares, with their types, labelled by service', async () => {
    const m = new ServiceMetrics('shops');
    m.eventsConsumed.inc({ topic: 'payments.escrow' }, 40);
    m.eventsProduced.inc({ topic: 'shops.rfq' }, 12);
    m.deadLettered.inc({ topic: 'payments.escrow', reason: 'invalid' });
    m.handled(40, process.hrtime.bigint());
    const text = await m.registry.metrics();
    expect(text).toContain('# TYPE weft_events_consumed_total counter');
    expect(text).toContain('# TYPE weft_events_produced_total counter');
    expect(text).toContain('# TYPE weft_events_dead_lettered_total counter');
    expect(text).toContain('# TYPE weft_handler_batch_duration_seconds histogram');
    expect(text).toContain('# TYPE weft_handler_batch_events histogram');
    expect(samples(text, 'weft_events_consumed_total')).toEqual([
      '{topic="payments.escrow",service="shops"} 40',
    ]);
    expect(samples(text, 'weft_events_produced_total')).toEqual([
      '{topic="shops.rfq",service="shops"} 12',
    ]);
    expect(samples(text, 'weft_events_dead_lettered_total')).toEqual([
      '{topic="payments.escrow",reason="invalid",service="shops"} 1',
    ]);
    expect(samples(text, 'weft_handler_batch_events_bucket')).toContain(
      '{le="50",service="shops"} 1',
    );
    expect(samples(text, 'weft_handler_batch_duration_seconds_count')).toEqual([
      '{service="shops"} 1',
    ]);
  });

  it('reads the outbox and timer backlog once per scrape, when scraped', async () => {
    const m = new ServiceMetrics('bidding');
    let reads = 0;
    m.watchBacklog(() => {
      reads++;
      return Promise.resolve({ outbox: 3, timersDue: 5, timersWaiting: 70 });
    });
    expect(reads).toBe(0);
    const text = await m.registry.metrics();
    expect(reads).toBe(1);
    expect(samples(text, 'weft_outbox_depth')).toEqual(['{service="bidding"} 3']);
    expect(samples(text, 'weft_timers')).toEqual([
      '{state="due",service="bidding"} 5',
      '{state="waiting",service="bidding"} 70',
    ]);
  });

  it('keeps two services in one process apart (one registry each)', async () => {
    const a = new ServiceMetrics('shops');
    const b = new ServiceMetrics('payments');
    a.eventsConsumed.inc({ topic: 'bidding.bids' });
    expect(await b.registry.metrics()).not.toContain('bidding.bids');
  });
});

describe('scrapeRead', () => {
  it('shares one read between the gauges of a scrape and reads again at the next', async () => {
    let n = 0;
    const read = scrapeRead(() => Promise.resolve(++n));
    expect(await Promise.all([read(), read()])).toEqual([1, 1]);
    expect(await read()).toBe(2);
  });

  it('gives nothing, rather than failing or hanging the scrape, when the read fails or stalls', async () => {
    jest.useFakeTimers();
    try {
      const failed = scrapeRead(() => Promise.reject(new Error('Connection is closed')));
      await expect(failed()).resolves.toBeUndefined();
      const stalled = scrapeRead(() => new Promise<number>(() => undefined));
      const pending = stalled();
      jest.advanceTimersByTime(1000);
      await expect(pending).resolves.toBeUndefined();
    } finally {
      jest.useRealTimers();
    }
  });
});
