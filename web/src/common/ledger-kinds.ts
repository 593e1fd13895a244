// How the entries of the gift card and store credit ledgers read to staff.
const words: Readonly<Record<string, string>> = {
  ACTIVATE: 'Activated',
  LOAD: 'Topped up',
  TOP_UP: 'Bought',
  REDEEM: 'Spent',
  REFUND: 'Refund',
  ADJUST_INCREMENT: 'Adjusted up',
  ADJUST_DECREMENT: 'Adjusted down',
  CLEAR_BALANCE: 'Balance cleared',
  BLOCK: 'Blocked',
  UNBLOCK: 'Unblocked',
  DEACTIVATE: 'Deactivated',
  EXPIRE: 'Expired',
  IMPORT: 'Imported',
  REVERSE: 'Reversed (sale voided)',
  MERGE_IN: 'Moved in (customers merged)',
  MERGE_OUT: 'Moved out (customers merged)',
};

export function ledgerKindLabel(kind: string): string {
  return words[kind] ?? kind;
}
