import { ACCOUNTS, Ledger, postSettlement, settle } from './ledger';

describe('Ledger', () => {
  it('keeps all balances summing to zero through every transfer', () => {
    const ledger = new Ledger();
    ledger.transfer('consumers', 'escrow', 10_000);
    ledger.transfer('escrow', 'shops', 9_500);
    ledger.transfer('escrow', 'platform', 500);
    ledger.transfer('shops', 'workshops', 7_000);
    expect(ledger.sum()).toBe(0);
    expect(ledger.snapshot()).toEqual({
      consumers: -10_000,
      escrow: 0,
      shops: 2_500,
      workshops: 7_000,
      platform: 500,
      wholesalers: 0,
    });
  });

  it('starts every account at zero', () => {
    const ledger = new Ledger();
    for (const a of ACCOUNTS) expect(ledger.balance(a)).toBe(0);
    expect(ledger.entries).toBe(0);
  });

  it('writes two entries, a debit and a credit, for each transfer', () => {
    const ledger = new Ledger();
    ledger.transfer('consumers', 'escrow', 100);
    ledger.transfer('escrow', 'consumers', 100);
    expect(ledger.entries).toBe(4);
  });

  it('accepts a transfer of zero cents', () => {
    const ledger = new Ledger();
    ledger.transfer('consumers', 'escrow', 0);
    expect(ledger.balance('escrow')).toBe(0);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses to move %p cents and leaves every balance as it was',
    (cents) => {
      const ledger = new Ledger();
      ledger.transfer('consumers', 'escrow', 100);
      expect(() => ledger.transfer('escrow', 'shops', cents)).toThrow(RangeError);
      expect(() => ledger.transfer('escrow', 'shops', cents)).toThrow(
        'ledger: cents must be a non-negative integer',
      );
      expect(ledger.snapshot()).toEqual({
        consumers: -100,
        escrow: 100,
        shops: 0,
        workshops: 0,
        platform: 0,
        wholesalers: 0,
      });
      expect(ledger.entries).toBe(2);
    },
  );
});

describe('settle', () => {
  it('splits an order into commission, the workshop’s bid and what the shop keeps', () => {
    // commission 10 000 × 5% = 500; shop keeps 10 000 − 500 − 7 000 = 2 500
    expect(settle(10_000, 0.05, 7_000)).toEqual({
      commissionCents: 500,
      workshopCents: 7_000,
      shopNetCents: 2_500,
    });
  });

  it('takes the commission in whole cents, rounded to the nearest', () => {
    // 2 599 × 5% = 129.95 → 130; shop keeps 2 599 − 130 − 2 000 = 469
    expect(settle(2_599, 0.05, 2_000)).toEqual({
      commissionCents: 130,
      workshopCents: 2_000,
      shopNetCents: 469,
    });
  });

  it('always accounts for every cent of the order', () => {
    const s = settle(3_453, 0.07, 2_811); // 241.71 → 242; 3 453 − 242 − 2 811 = 400
    expect(s).toEqual({ commissionCents: 242, workshopCents: 2_811, shopNetCents: 400 });
    expect(s.commissionCents + s.workshopCents + s.shopNetCents).toBe(3_453);
  });
});

describe('postSettlement', () => {
  it('empties escrow of the order, pays the platform its commission and the workshop its bid', () => {
    const ledger = new Ledger();
    ledger.transfer('consumers', 'escrow', 10_000); // this order
    ledger.transfer('consumers', 'escrow', 3_000); // another order, still in production
    postSettlement(ledger, 10_000, settle(10_000, 0.05, 7_000));
    expect(ledger.snapshot()).toEqual({
      consumers: -13_000,
      escrow: 3_000, // only the other order is left
      shops: 2_500, // 10 000 − 500 − 7 000
      workshops: 7_000,
      platform: 500,
      wholesalers: 0,
    });
    expect(ledger.sum()).toBe(0);
  });
});
