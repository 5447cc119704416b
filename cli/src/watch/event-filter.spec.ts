import { matchesFilters, parseFilter, type EventFilter } from './event-filter';
import type { WireEvent } from './wire-event';

const placed: WireEvent = {
  v: 1,
  id: 'o42:placed',
  type: 'OrderPlaced',
  atMs: 3_600_000,
  orderId: 'o42',
  data: { consumerId: 42, shopId: 3, category: 1, quantity: 2, totalCents: 3750 },
};
const rfq: WireEvent = {
  ...placed,
  id: 'o42:rfq:1',
  type: 'RfqOpened',
  data: { shopId: 3, invited: [4, 7, 9] },
};

const filters = (...raw: string[]) =>
  raw.reduce<EventFilter[]>((previous, r) => parseFilter(r, previous), []);

describe('--filter', () => {
  it('matches envelope fields and payload fields', () => {
    expect(matchesFilters(placed, filters('orderId=o42'))).toBe(true);
    expect(matchesFilters(placed, filters('orderId=o43'))).toBe(false);
    expect(matchesFilters(placed, filters('type=OrderPlaced', 'quantity=2'))).toBe(true);
    expect(matchesFilters(placed, filters('type=OrderPlaced', 'quantity=3'))).toBe(false);
  });

  it('takes a shop or workshop with or without the letter its key gives it', () => {
    expect(matchesFilters(placed, filters('shopId=s3'))).toBe(true);
    expect(matchesFilters(placed, filters('shopId=3'))).toBe(true);
    expect(matchesFilters(placed, filters('shopId=s33'))).toBe(false);
    expect(matchesFilters(rfq, filters('invited=w7'))).toBe(true);
    expect(matchesFilters(rfq, filters('invited=5'))).toBe(false);
  });

  it('matches either value of a field given twice, and needs every field', () => {
    const f = filters('type=OrderPlaced', 'type=RfqOpened', 'shopId=s3');
    expect(f).toHaveLength(2);
    expect(matchesFilters(placed, f)).toBe(true);
    expect(matchesFilters(rfq, f)).toBe(true);
    expect(matchesFilters({ ...rfq, type: 'BidPlaced' }, f)).toBe(false);
  });

  it('leaves out events without the field', () => {
    expect(matchesFilters(rfq, filters('quantity=2'))).toBe(false);
  });

  it('refuses a filter without field=value, an unknown field or an unknown type, naming the choices', () => {
    expect(() => parseFilter('o42')).toThrow('expected field=value (e.g. orderId=o42), got "o42"');
    expect(() => parseFilter('shopId=')).toThrow(/expected field=value/);
    expect(() => parseFilter('colour=red')).toThrow(
      /unknown field "colour" in "colour=red": expected one of id, type, atMs, orderId, .*shopId/,
    );
    expect(() => parseFilter('type=OrderPlacd')).toThrow(
      /unknown event type "OrderPlacd": expected one of .*OrderPlaced/,
    );
  });

  it('makes a usage error: exit code 2', () => {
    try {
      parseFilter('colour=red');
      throw new Error('parseFilter accepted an unknown field');
    } catch (err) {
      expect((err as { exitCode: number }).exitCode).toBe(2);
    }
  });
});
