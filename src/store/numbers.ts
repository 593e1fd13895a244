/**
 * The one place numbers from the database become JavaScript numbers. PostgreSQL sends
 * bigint (int8) and numeric as text: money sums, balances, counts. Every money and points
 * amount in Clientele is an integer of minor units, so each such value must be a whole
 * number JavaScript holds exactly (|n| ≤ 2^53 − 1). One beyond that would silently round
 * and a ledger would drift by a penny; it is refused loudly instead.
 */
export class UnsafeNumberError extends Error {
  constructor(readonly text: string) {
    super(`The database returned ${text}, which is not a whole number JavaScript can hold exactly`);
    this.name = 'UnsafeNumberError';
  }
}

export function safeIntegerFromDatabase(text: string): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value)) throw new UnsafeNumberError(text);
  return value;
}
