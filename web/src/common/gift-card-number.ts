import { normaliseGiftCardNumber } from '@domain/gift-cards.ts';

/**
 * A scanned or typed gift card number, checked as the server checks it (8–20 digits, the
 * check digit of our own 12-digit numbers), so a misread is caught before any call.
 */
export function checkGiftCardNumber(
  text: string,
): { ok: true; number: string } | { ok: false; message: string } {
  const checked = normaliseGiftCardNumber(text, 'Gift card number');
  return checked.ok ? { ok: true, number: checked.value } : { ok: false, message: checked.message };
}

/** "•••• 1234": the last four digits only, as receipts and tenders show a card. */
export function maskedGiftCard(number: string): string {
  return `•••• ${number.slice(-4)}`;
}
