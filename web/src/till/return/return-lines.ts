import { refundForUnits } from '@domain/returns.ts';
import type { SaleLine } from '@contract/sales.ts';

export const returnReasons = [
  'Wrong size',
  'Faulty',
  'Changed mind',
  'Not as described',
  'Other',
] as const;
export type ReturnReason = (typeof returnReasons)[number];

/** What goes to the server: the chosen reason, or "Other: …" with the cashier's words. */
export function reasonText(reason: ReturnReason | '', other: string): string {
  if (reason === '') return '';
  return reason === 'Other' ? (other.trim() === '' ? '' : `Other: ${other.trim()}`) : reason;
}

/** Quantities typed per sale line id; '' or '0' means not returned. */
export type Quantities = Readonly<Record<string, string>>;

export type CheckedReturnLine = { units: number; refund: number; error: string | null };

/**
 * The preview of one line's refund: the server's own rule (refundForUnits in
 * src/domain/returns.ts), so the amount shown is the amount refunded, to the penny, and an
 * over-return is refused here with the server's words.
 */
export function checkReturnLine(line: SaleLine, typed: string | undefined): CheckedReturnLine {
  const text = (typed ?? '').trim();
  if (text === '' || text === '0') return { units: 0, refund: 0, error: null };
  if (!/^\d{1,5}$/.test(text)) {
    return { units: 0, refund: 0, error: 'Quantity to return must be a whole number' };
  }
  const units = Number(text);
  const refund = refundForUnits(line, units);
  return refund.ok
    ? { units, refund: refund.value.total, error: null }
    : { units, refund: 0, error: refund.message };
}

export function returnSelection(lines: readonly SaleLine[], quantities: Quantities) {
  const checked = lines.map((line) => ({ line, ...checkReturnLine(line, quantities[line.id]) }));
  const chosen = checked.filter((entry) => entry.units > 0 && entry.error === null);
  return {
    lines: chosen.map((entry) => ({ saleLineId: entry.line.id, quantity: entry.units })),
    refund: chosen.reduce((sum, entry) => sum + entry.refund, 0),
    error: checked.find((entry) => entry.error !== null)?.error ?? null,
  };
}
