// Shapes of the stored-value API (gift cards, store credit, liability report); amounts are
// integers in the currency's minor unit, as everywhere.

export type GiftCardState = 'PENDING' | 'ACTIVE' | 'BLOCKED' | 'DEACTIVATED';

export const giftCardStates: readonly GiftCardState[] = [
  'PENDING',
  'ACTIVE',
  'BLOCKED',
  'DEACTIVATED',
];

export type GiftCard = {
  id: string;
  number: string;
  currency: string;
  state: GiftCardState;
  balance: number;
  digital: boolean;
  customerId: string | null;
  issuedOutletId: string | null;
  batchLabel: string | null;
  activatedAt: string | null;
  expiresAt: string | null;
  expired: boolean;
};

export type GiftCardActivity = {
  id: string;
  kind: string;
  amount: number;
  balanceAfter: number;
  stateAfter: string;
  saleId: string | null;
  outletId: string | null;
  staffName: string | null;
  approvedByName: string | null;
  reason: string | null;
  at: string;
};

/** The till's balance check: the number comes back masked ("•••• 1234"). */
export type GiftCardBalance = {
  number: string;
  currency: string;
  balance: number;
  state: GiftCardState;
  expiresAt: string | null;
  expired: boolean;
};

export type GiftCardAction =
  | { action: 'block' | 'unblock' | 'deactivate' | 'clear'; reason: string }
  | { action: 'adjust'; amount: number; reason: string };

export type GiftCardRangeInput = {
  prefix: string;
  first: number;
  count: number;
  currency: string;
  label: string;
};

export type GiftCardRange = {
  added: number;
  skipped: number;
  firstNumber: string;
  lastNumber: string;
};

export type GiftCardImportLine =
  | { line: number; status: 'imported'; number: string; balance: number }
  | { line: number; status: 'skipped'; number: string; reason: string }
  | { line: number; status: 'rejected'; code: string; field?: string; reason: string };

export type GiftCardImport = {
  imported: number;
  skipped: number;
  rejected: number;
  lines: GiftCardImportLine[];
};

export type StoreCreditAccount = {
  currency: string;
  balance: number;
  /** The balance less credit already past its expiry. */
  spendable: number;
  expiring: { amount: number; expiresAt: string }[];
};

export type StoreCreditEntry = {
  id: string;
  currency: string;
  kind: string;
  amount: number;
  balanceAfter: number;
  expiresAt: string | null;
  saleId: string | null;
  staffName: string | null;
  reason: string | null;
  at: string;
};

export type StoreCredit = { accounts: StoreCreditAccount[]; entries: StoreCreditEntry[] };

export type StoreCreditAdjustment = {
  currency: string;
  /** Negative takes credit away. */
  amount: number;
  reason: string;
  expiresAt?: string | null;
};

export type Movement = {
  month: string;
  currency: string;
  issued: number;
  redeemed: number;
  refunded: number;
  expired: number;
  adjusted: number;
};

export type StoredValueReport = {
  from: string;
  to: string;
  giftCards: {
    byOutlet: { outlet: string; currency: string; cards: number; balance: number }[];
    byAge: { ageBand: string; currency: string; cards: number; balance: number }[];
    movements: Movement[];
  };
  storeCredit: {
    outstanding: { currency: string; accounts: number; balance: number }[];
    movements: Movement[];
  };
};
