import fc from 'fast-check';
import { EscrowBook, orderNumber } from './escrow-book';

const held = (cents: number) => ({ cents, consumerId: cents + 1 });

describe('the escrow book', () => {
  it('reads orders by the number in their id, and others by their id', () => {
    expect([orderNumber('o0'), orderNumber('o12'), orderNumber('o2147483647')]).toEqual([
      0, 12, 2147483647,
    ]);
    for (const id of ['', 'o', 'o01', 'x12', 'o1a', 'o2147483648', 'o-1', 'o1.5'])
      expect(orderNumber(id)).toBe(-1);
  });

  it('holds, returns and forgets escrow as a map does', () => {
    const book = new EscrowBook();
    book.set('o7', held(700)).set('order-x', held(5));
    expect([book.size, book.has('o7'), book.has('o8'), book.has('order-x')]).toEqual([
      2,
      true,
      false,
      true,
    ]);
    expect(book.get('o7')).toEqual({ cents: 700, consumerId: 701 });
    expect(book.delete('o7')).toBe(true);
    expect(book.delete('o7')).toBe(false);
    expect([book.size, book.get('o7')]).toEqual([1, undefined]);
    book.clear();
    expect([book.size, book.get('order-x')]).toEqual([0, undefined]);
  });

  it('reuses the slots of paid orders, so it stays the size of what is open', () => {
    const book = new EscrowBook();
    // A million orders, never more than 300 open at once.
    for (let n = 0; n < 1_000_000; n++) {
      book.set(`o${n}`, held(n));
      if (n >= 300) book.delete(`o${n - 300}`);
    }
    expect(book.size).toBe(300);
    expect((book as unknown as { orderNo: Float64Array }).orderNo.length).toBeLessThanOrEqual(1024);
    expect(book.get('o999999')).toEqual(held(999_999));
    expect(book.get('o999699')).toBeUndefined();
  });

  it('keeps an order that stays open while newer ones take its slot', () => {
    const book = new EscrowBook();
    book.set('o1', held(1));
    for (let n = 2; n < 100_000; n++) {
      book.set(`o${n}`, held(n));
      book.delete(`o${n}`);
    }
    expect([book.size, book.get('o1')]).toEqual([1, held(1)]);
    expect([...book.values()]).toEqual([held(1)]);
  });

  it('agrees with a Map over any sequence of sets and deletes', () => {
    const op = fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 5000 }), fc.nat(1e6));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const book = new EscrowBook();
        const map = new Map<string, { cents: number; consumerId: number }>();
        for (const [isSet, n, cents] of ops) {
          const id = n % 7 === 0 ? `x${n}` : `o${n}`;
          if (isSet) {
            book.set(id, held(cents));
            map.set(id, held(cents));
          } else expect(book.delete(id)).toBe(map.delete(id));
        }
        expect(book.size).toBe(map.size);
        for (const [id, v] of map) expect(book.get(id)).toEqual(v);
        const sum = (xs: Iterable<{ cents: number }>) => [...xs].reduce((s, x) => s + x.cents, 0);
        expect(sum(book.values())).toBe(sum(map.values()));
      }),
    );
  });
});
