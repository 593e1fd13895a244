import { compactDigits, isCardNumber } from '../../domain/customer-number.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { findCard, insertCard, markCardLost } from '../../store/customer-cards.ts';
import { insertCustomerChanges } from '../../store/customer-changes.ts';
import { isCardRetired } from '../../store/customer-erasure.ts';
import { findCustomerById } from '../../store/customers.ts';
import type { Db } from '../../store/database.ts';
import { inTransaction } from '../../store/transaction.ts';
import { actorColumns, type Actor, type ServiceDeps } from '../platform/context.ts';
import { buildCustomerView, type CustomerView } from './customer-view.ts';

function parseCard(input: string, field: string): Result<string> {
  const number = compactDigits(input);
  if (!isCardNumber(number)) {
    return fail(
      'invalid_card_number',
      `${input.trim()} is not a valid customer card number (check the digits)`,
      {
        field,
      },
    );
  }
  return ok(number);
}

async function linkInside(
  trx: Db,
  actor: Actor,
  card: { customerId: string; number: string; at: Date },
): Promise<Result<true>> {
  const columns = actorColumns(actor);
  if (await isCardRetired(trx, card.number)) {
    return fail('card_retired', `Card ${card.number} belonged to an erased customer: use another`, {
      field: 'cardNumber',
    });
  }
  const inserted = await insertCard(trx, {
    number: card.number,
    customerId: card.customerId,
    linkedByStaffId: columns.actorStaffId,
    at: card.at,
  });
  if (!inserted) {
    const existing = await findCard(trx, card.number);
    const owner = existing ? await findCustomerById(trx, existing.customerId) : undefined;
    return fail(
      'card_already_linked',
      `Card ${card.number} already belongs to customer ${owner?.number ?? '?'}`,
      {
        field: 'cardNumber',
      },
    );
  }
  return ok(true);
}

async function activeCustomer(trx: Db, customerId: string) {
  const customer = await findCustomerById(trx, customerId, { forUpdate: true });
  if (!customer) return fail('customer_not_found', `No customer with id ${customerId}`);
  if (customer.status !== 'active') {
    return fail('customer_not_active', `Customer ${customer.number} is ${customer.status}`);
  }
  return ok(customer);
}

/** Links a pre-printed card, scanned at the till, to a customer. */
export async function linkCard({
  deps,
  actor,
  customerId,
  cardInput,
}: {
  deps: ServiceDeps;
  actor: Actor;
  customerId: string;
  cardInput: string;
}): Promise<Result<CustomerView>> {
  const number = parseCard(cardInput, 'cardNumber');
  if (!number.ok) return number;
  const at = deps.now();
  const result = await inTransaction(deps.db, async (trx) => {
    const customer = await activeCustomer(trx, customerId);
    if (!customer.ok) return customer;
    const linked = await linkInside(trx, actor, { customerId, number: number.value, at });
    if (!linked.ok) return linked;
    await insertCustomerChanges(trx, [
      {
        customerId,
        kind: 'card_linked',
        ...actorColumns(actor),
        at,
        fields: { card: number.value },
      },
    ]);
    return ok(customer.value);
  });
  if (!result.ok) return result;
  return ok(await buildCustomerView({ db: deps.db, vault: deps.vault, row: result.value }));
}

/** A lost card is marked lost (a scan of it no longer finds anyone) and a new one linked. */
export async function replaceCard({
  deps,
  actor,
  customerId,
  lostCardNumber,
  newCardInput,
}: {
  deps: ServiceDeps;
  actor: Actor;
  customerId: string;
  lostCardNumber: string;
  newCardInput: string;
}): Promise<Result<CustomerView>> {
  const newNumber = parseCard(newCardInput, 'newCardNumber');
  if (!newNumber.ok) return newNumber;
  const at = deps.now();
  const result = await inTransaction(deps.db, async (trx) => {
    const customer = await activeCustomer(trx, customerId);
    if (!customer.ok) return customer;
    const lost = await findCard(trx, compactDigits(lostCardNumber));
    if (!lost || lost.customerId !== customerId) {
      return fail('card_not_found', `Card ${lostCardNumber} is not on this customer`);
    }
    if (lost.status !== 'active')
      return fail('card_not_active', `Card ${lost.number} is already ${lost.status}`);
    const linked = await linkInside(trx, actor, { customerId, number: newNumber.value, at });
    if (!linked.ok) return linked;
    await markCardLost(trx, { number: lost.number, replacedBy: newNumber.value, at });
    await insertCustomerChanges(trx, [
      {
        customerId,
        kind: 'card_replaced',
        ...actorColumns(actor),
        at,
        fields: { lostCard: lost.number, newCard: newNumber.value },
      },
    ]);
    return ok(customer.value);
  });
  if (!result.ok) return result;
  return ok(await buildCustomerView({ db: deps.db, vault: deps.vault, row: result.value }));
}
