// Money is an integer count of the currency's minor unit (pence); the same rule as the
// server's src/domain/money.ts, kept tiny here so the bundle needs none of the server.

const minorDigits: Readonly<Record<string, number>> = {
  JPY: 0,
  KRW: 0,
  ISK: 0,
  CLP: 0,
  BHD: 3,
  KWD: 3,
  OMR: 3,
};

const symbols: Readonly<Record<string, string>> = { GBP: '£', EUR: '€', USD: '$' };

/** The currency a screen assumes before the server has said (an empty basket). */
export const defaultCurrency = 'GBP';

export function decimalsOf(currency: string): number {
  return minorDigits[currency] ?? 2;
}

/** "12.50" for 1250 GBP; the sign is kept. */
export function formatAmount(amount: number, currency: string): string {
  const decimals = decimalsOf(currency);
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.abs(amount)).padStart(decimals + 1, '0');
  return decimals === 0
    ? `${sign}${digits}`
    : `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

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

/** round(numerator / denominator), halves up, for the non-negative amounts of a refund. */
export function divideRoundHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** Like parseAmount, but "-5.00" is allowed (an adjustment that takes value off). */
export function parseSignedAmount(text: string, currency: string): number | null {
  const trimmed = text.trim();
  const negative = trimmed.startsWith('-');
  const amount = parseAmount(trimmed.replace(/^[-+]/, ''), currency);
  if (amount === null) return null;
  return negative ? -amount : amount;
}
