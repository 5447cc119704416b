/**
 * Escrow payments on a double-entry ledger. Every move debits one account and credits
 * another by the same integer cents, so all balances always sum to zero.
 */

export const ACCOUNTS = [
  'consumers',
  'escrow',
  'shops',
  'workshops',
  'platform',
  'wholesalers',
] as const;
export type Account = (typeof ACCOUNTS)[number];

export class Ledger {
  private readonly balances: Record<Account, number> = {
    consumers: 0,
    escrow: 0,
    shops: 0,
    workshops: 0,
    platform: 0,
    wholesalers: 0,
  };
  entries = 0;

  /** Moves `cents` from one account to another. */
  transfer(from: Account, to: Account, cents: number): void {
    if (!Number.isInteger(cents) || cents < 0) {
      throw new RangeError(`ledger: cents must be a non-negative integer, got ${cents}`);
    }
    this.balances[from] -= cents;
    this.balances[to] += cents;
    this.entries += 2;
  }

  balance(account: Account): number {
    return this.balances[account];
  }

  sum(): number {
    let s = 0;
    for (const a of ACCOUNTS) s += this.balances[a];
    return s;
  }

  snapshot(): Record<Account, number> {
    return { ...this.balances };
  }
}

/** What the platform takes of a sale: its commission and any listing or advertising fee. */
export function platformFeeRate(payments: { commissionRate: number; adFeeRate?: number }): number {
  return payments.commissionRate + (payments.adFeeRate ?? 0);
}

export interface Settlement {
  commissionCents: number;
  /** What the shop keeps after the commission and paying its workshop. */
  shopNetCents: number;
  workshopCents: number;
}

/**
 * On delivery escrow pays the shop less the platform's fees (`feeRate`: commission and
 * any ad fee, together `commissionCents`), and the shop pays the workshop its winning bid.
 */
export function settle(totalCents: number, feeRate: number, workshopCents: number): Settlement {
  const commissionCents = Math.round(totalCents * feeRate);
  return {
    commissionCents,
    workshopCents,
    shopNetCents: totalCents - commissionCents - workshopCents,
  };
}

/** Posts a settlement; the shop pays its supplier: the workshop, or its wholesaler. */
export function postSettlement(
  ledger: Ledger,
  totalCents: number,
  s: Settlement,
  supplier: 'workshops' | 'wholesalers' = 'workshops',
): void {
  ledger.transfer('escrow', 'shops', totalCents - s.commissionCents);
  ledger.transfer('escrow', 'platform', s.commissionCents);
  ledger.transfer('shops', supplier, s.workshopCents);
}
