import type { Minor } from '@domain/units.ts';
import { maskedGiftCard } from '../../common/gift-card-number.ts';
import type { SaleLineInput } from '@contract/sales.ts';

/**
 * Stored value sold at the till: a gift card (a pre-printed one scanned by number, which is
 * activated or topped up, or a digital one emailed to `email`) or store credit for the
 * sale's customer. Amounts in minor units, fixed when the line is added.
 */
export type ValueLine =
  | {
      kind: 'gift_card';
      number: string | null;
      email: string | null;
      amount: Minor;
      /** What the balance check said about the card ("new card", "holds £5.00"). */
      note: string | null;
    }
  | { kind: 'store_credit'; amount: Minor };

export function describeValueLine(line: ValueLine): string {
  if (line.kind === 'store_credit') return 'Store credit';
  if (line.number !== null) return `Gift card ${maskedGiftCard(line.number)}`;
  return `Digital gift card to ${line.email ?? ''}`;
}

export function valueLineInput(line: ValueLine): SaleLineInput {
  if (line.kind === 'store_credit') return { kind: 'store_credit', amount: line.amount };
  return {
    kind: 'gift_card',
    amount: line.amount,
    ...(line.number !== null ? { number: line.number } : {}),
    ...(line.email !== null ? { email: line.email } : {}),
  };
}

/** Store credit is sold to the sale's customer: without one the line cannot go through. */
export function valueLinesProblem(
  lines: readonly ValueLine[],
  hasCustomer: boolean,
): string | null {
  return !hasCustomer && lines.some((line) => line.kind === 'store_credit')
    ? 'Store credit is sold to a customer: attach the customer to the sale, or remove the line.'
    : null;
}
