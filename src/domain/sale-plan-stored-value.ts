import { normaliseEmail } from './contact-details.ts';
import { checkCardCanPay, maskGiftCardNumber, type GiftCardOperation } from './gift-cards.ts';
import { expiryAfterMonths } from './local-time.ts';
import { invalid, ok, type Result } from './result.ts';
import { spendableCredit } from './store-credit.ts';
import type { TenderInput } from './tenders.ts';
import { minor } from './units.ts';
import type {
  LiabilityLineRequest,
  PlannedLiabilityLine,
  SaleFacts,
  SaleGiftCard,
  SaleLineRequest,
  TenderRequest,
} from './sale-plan.ts';

/**
 * Lines that sell stored value, a liability rather than revenue. Store credit needs the
 * customer; a pre-printed card is activated with the amount (or topped up if already
 * active); without a number a digital card is made, to be emailed. A card sells once.
 */
export function planLiabilityLines<C extends SaleGiftCard>({
  facts,
  customerId,
  lines,
}: {
  facts: SaleFacts<C>;
  customerId: string | null;
  lines: readonly SaleLineRequest[];
}): Result<PlannedLiabilityLine<C>[]> {
  const planned: PlannedLiabilityLine<C>[] = [];
  for (const [index, line] of lines.entries()) {
    if (!('kind' in line)) continue;
    const sells = planLiabilityLine(facts, customerId, line, index);
    if (!sells.ok) return sells;
    planned.push({ index, amount: minor(line.amount), sells: sells.value });
  }
  const cards = planned.flatMap(({ sells }) => (sells.kind === 'gift_card' ? [sells.card.id] : []));
  if (new Set(cards).size !== cards.length) {
    return invalid('lines', 'a gift card may be sold once in a sale');
  }
  return ok(planned);
}

function planLiabilityLine<C extends SaleGiftCard>(
  facts: SaleFacts<C>,
  customerId: string | null,
  line: LiabilityLineRequest,
  index: number,
): Result<PlannedLiabilityLine<C>['sells']> {
  const field = `lines[${index}]`;
  if (!Number.isSafeInteger(line.amount) || line.amount <= 0) {
    return invalid(`${field}.amount`, `${field}.amount must be a positive amount`);
  }
  if (line.kind === 'store_credit') {
    if (!customerId) {
      return invalid(field, 'store credit can be sold only with the customer attached');
    }
    return ok({ kind: 'store_credit', customerId });
  }
  const activate: GiftCardOperation = {
    kind: 'ACTIVATE',
    amount: minor(line.amount),
    expiresAt: expiryAfterMonths(facts.now, facts.giftCardExpiryMonths),
  };
  const sold = facts.soldCards[index];
  if (line.number === undefined) {
    const email = line.email === undefined ? null : normaliseEmail(line.email, `${field}.email`);
    if (email && !email.ok) return email;
    if (!line.email || !sold || !('minted' in sold)) {
      return invalid(
        field,
        `${field} needs the number of the card being sold, or an email for a digital card`,
      );
    }
    return ok({ kind: 'gift_card', card: sold.minted, create: true, operation: activate });
  }
  if (!sold || !('found' in sold)) throw new Error(`${field}: its card was not looked up`);
  if (!sold.found.ok) return sold.found;
  const card = sold.found.value;
  const operation: GiftCardOperation =
    card.state === 'PENDING' ? activate : { kind: 'LOAD', amount: minor(line.amount) };
  return ok({ kind: 'gift_card', card, create: false, operation });
}

/**
 * The tenders as the settling rule takes them: a gift card must be able to pay (active,
 * not expired) and pays once; store credit needs the customer and pays once. The balances
 * are a first look: the sale settles again under the accounts' locks.
 */
export function planTenderInputs<C extends SaleGiftCard>({
  facts,
  customerId,
  tenders,
}: {
  facts: SaleFacts<C>;
  customerId: string | null;
  tenders: readonly TenderRequest[];
}): Result<TenderInput[]> {
  const inputs: TenderInput[] = [];
  const seen = new Set<string>();
  for (const [index, request] of tenders.entries()) {
    const field = `tenders[${index}]`;
    if (request.kind === 'gift_card') {
      const found = facts.tenderCards[index];
      if (!found) throw new Error(`${field}: its card was not looked up`);
      if (!found.ok) return found;
      const card = found.value;
      const usable = checkCardCanPay(card, facts.now);
      if (!usable.ok) return { ...usable, field: `${field}.number` };
      if (seen.has(card.id)) {
        return invalid(`${field}.number`, 'each gift card may pay once in a sale');
      }
      seen.add(card.id);
      inputs.push({
        kind: 'gift_card',
        ...(request.amount !== undefined ? { amount: request.amount } : {}),
        available: card.balance,
        giftCardId: card.id,
        reference: maskGiftCardNumber(card.number),
      });
    } else if (request.kind === 'store_credit') {
      if (!customerId) {
        return invalid(field, 'store credit pays only for a sale with its customer attached');
      }
      if (seen.has('store_credit')) return invalid(field, 'store credit may pay once in a sale');
      seen.add('store_credit');
      const account = facts.storeCredit;
      inputs.push({
        kind: 'store_credit',
        ...(request.amount !== undefined ? { amount: request.amount } : {}),
        available: account ? spendableCredit(account.lots, facts.now) : 0,
        accountId: account?.accountId ?? '',
      });
    } else {
      inputs.push(request);
    }
  }
  return ok(inputs);
}
