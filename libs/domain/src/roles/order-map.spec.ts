import fc from 'fast-check';
import { OrderMap } from './order-map';

describe('the map of orders in flight', () => {
  it('holds, returns and forgets values as a Map does, whatever the ids', () => {
    const m = new OrderMap<{ n: number }>();
    const seven = { n: 7 };
    m.set('o7', seven).set('order-x', { n: 5 });
    expect([m.size, m.has('o7'), m.has('o8'), m.has('order-x')]).toEqual([2, true, false, true]);
    expect(m.get('o7')).toBe(seven);
    expect(m.delete('o7')).toBe(true);
    expect(m.delete('o7')).toBe(false);
    expect([m.size, m.get('o7'), m.get('order-x')]).toEqual([1, undefined, { n: 5 }]);
    m.clear();
    expect([m.size, m.get('order-x')]).toEqual([0, undefined]);
  });

  it('stays the size of what is open, and keeps an order that stays open while newer ones pass', () => {
    const m = new OrderMap<number>();
    m.set('o1', 1);
    // A million orders, never more than 300 open at once, while o1 stays.
    for (let n = 2; n < 1_000_000; n++) {
      m.set(`o${n}`, n);
      if (n >= 302) m.delete(`o${n - 300}`);
    }
    expect(m.size).toBe(301);
    expect((m as unknown as { orderNo: Float64Array }).orderNo.length).toBeLessThanOrEqual(1024);
    expect([m.get('o1'), m.get('o999999'), m.get('o999699')]).toEqual([1, 999_999, undefined]);
    expect([...m.entries()].length).toBe(301);
  });

  it('agrees with a Map over any sequence of sets, deletes and reads', () => {
    const id = fc.oneof(
      fc.integer({ min: 0, max: 5000 }).map((n) => `o${n}`),
      fc.constantFrom('x', 'o', 'o01', 'order-9'),
    );
    const op = fc.tuple(fc.constantFrom('set', 'delete', 'get'), id, fc.nat(1e6));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 600 }), (ops) => {
        const m = new OrderMap<number>();
        const reference = new Map<string, number>();
        for (const [kind, key, value] of ops) {
          if (kind === 'set') {
            m.set(key, value);
            reference.set(key, value);
          } else if (kind === 'delete') {
            expect(m.delete(key)).toBe(reference.delete(key));
          }
          expect([m.get(key), m.has(key), m.size]).toEqual([
            reference.get(key),
            reference.has(key),
            reference.size,
          ]);
        }
        expect(new Map(m.entries())).toEqual(reference);
      }),
    );
  });
});
