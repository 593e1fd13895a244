import { negate, noMoney, type Minor } from '@domain/units.ts';
import { formatAmount, parseAmount as readAmount } from '@domain/money.ts';

// Money is an integer count of the currency's minor unit (pence). Its rules (digits per
// currency, reading "12.50", splitting, rounding) are the server's own, imported from
// src/domain; this file only shows amounts and adapts what a cashier types to that reader.
export { formatAmount };

const symbols: Readonly<Record<string, string>> = { GBP: '£', EUR: '€', USD: '$' };

/** The currency a screen assumes before the server has said (an empty basket). */
export const defaultCurrency = 'GBP';

/** "£12.50", "-£3.00", "120.00 SEK". */
export function formatMoney(amount: number, currency: string): string {
  const text = formatAmount(Math.abs(amount), currency);
  const sign = amount < 0 ? '-' : '';
  const symbol = symbols[currency];
  return symbol === undefined ? `${sign}${text} ${currency}` : `${sign}${symbol}${text}`;
}

/**
 * Reads "12.50" (or "12,50", "£12.50") as minor units with the domain's reader; '' is 0, as
 * an empty box means none. Null when it is not an amount, is negative, or has more decimals
 * than the currency. What is too large for the server is refused by its schema, by field.
 */
export function parseAmount(text: string, currency: string): Minor | null {
  const bare = text.trim().replace(/^[£€$]/, '');
  if (bare === '') return noMoney;
  if (bare.startsWith('-')) return null;
  // "12." is a cashier halfway through typing "12.50"; the domain wants digits after the point.
  const read = readAmount(bare.replace(/^(\d+)[.,]$/, '$1'), currency);
  return read.ok ? read.value : null;
}

/** Like parseAmount, but "-5.00" is allowed (an adjustment that takes value off). */
export function parseSignedAmount(text: string, currency: string): Minor | null {
  const trimmed = text.trim();
  const negative = trimmed.startsWith('-');
  const amount = parseAmount(trimmed.replace(/^[-+]/, ''), currency);
  if (amount === null) return null;
  return negative ? negate(amount) : amount;
}
