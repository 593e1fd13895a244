import { containsCardNumber } from '@domain/card-number-guard.ts';

/**
 * No card number is ever stored: a 13–19 digit Luhn-valid number in a reference or note is
 * refused here already, with the server's words (src/domain/tenders.ts checkFreeText).
 */
export function cardNumberMessage(text: string, field: string): string | null {
  return containsCardNumber(text)
    ? `${field} looks like a payment card number; never type card numbers here`
    : null;
}
