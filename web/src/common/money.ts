import { decimalsOf, formatAmount } from '@domain/money.ts';

// Money is an integer count of the currency's minor unit (pence). Its rules (digits per
// currency, splitting, rounding) are the server's own, imported from src/domain; this file
// only shows amounts and reads what a cashier types.
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
 * Reads "12.50" (or "12,50", "£12.50") as minor units; '' is 0. Null when it is not an
 * amount, is negative, or has more decimals than the currency.
 */
export function parseAmount(text: string, currency: string): number | null {
  const trimmed = text
    .trim()
    .replace(/^[£€$]/, '')
    .replace(',', '.');
  if (trimmed === '') return 0;
  const match = /^(\d{1,11})(?:\.(\d*))?$/.exec(trimmed);
  if (!match) return null;
  const decimals = decimalsOf(currency);
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) return null;
  return Number(match[1]) * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || '0');
}

/** Like parseAmount, but "-5.00" is allowed (an adjustment that takes value off). */
export function parseSignedAmount(text: string, currency: string): number | null {
  const trimmed = text.trim();
  const negative = trimmed.startsWith('-');
  const amount = parseAmount(trimmed.replace(/^[-+]/, ''), currency);
  if (amount === null) return null;
  return negative ? -amount : amount;
}
