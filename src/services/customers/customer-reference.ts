import { normalisePhone } from '../../domain/contact-details.ts';
import { compactDigits } from '../../domain/customer-number.ts';
import { fail, invalid, ok, type Result } from '../../domain/result.ts';
import { findCustomerIdsByLookup } from '../../store/customer-contacts.ts';
import { findCard } from '../../store/customer-cards.ts';
import { isCardRetired } from '../../store/customer-erasure.ts';
import { findCustomerById, findCustomerByNumber, type CustomerRow } from '../../store/customers.ts';
import type { Db } from '../../store/database.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { getShopSettings } from '../shop/settings.ts';

/** How a sale names its customer: by id at our own till, by number, card or phone from a POS. */
export type CustomerReference = { id?: string; number?: string; card?: string; phone?: string };

async function activeOrSurvivor(
  deps: ServiceDeps,
  row: CustomerRow | undefined,
): Promise<CustomerRow | undefined> {
  let current = row;
  for (let hops = 0; current?.status === 'merged' && current.mergedIntoId && hops < 5; hops++) {
    current = await findCustomerById(deps.db, current.mergedIntoId);
  }
  return current?.status === 'active' || current?.status === 'erased' ? current : undefined;
}

/** An erased customer is named as such, never as "not found": the number was real. */
function usable(row: CustomerRow | undefined, orElse: () => Result<CustomerRow>) {
  if (row?.status === 'erased') {
    return fail('customer_erased', `Customer ${row.number} was erased: sell without a customer`);
  }
  return row ? ok(row) : orElse();
}

export async function resolveCustomerReference({
  deps,
  reference,
  field = 'customer',
}: {
  deps: ServiceDeps;
  reference: CustomerReference;
  field?: string;
}): Promise<Result<CustomerRow>> {
  const notFound = (what: string) =>
    fail('customer_not_found', `No active customer with that ${what}`, {
      field: `${field}.${what}`,
    });
  if (reference.id) {
    const row = await activeOrSurvivor(deps, await findCustomerById(deps.db, reference.id));
    return usable(row, () => notFound('id'));
  }
  if (reference.number) {
    const row = await activeOrSurvivor(
      deps,
      await findCustomerByNumber(deps.db, compactDigits(reference.number)),
    );
    return usable(row, () => notFound('number'));
  }
  if (reference.card) {
    const number = compactDigits(reference.card);
    const card = await findCard(deps.db, number);
    if (!card && (await isCardRetired(deps.db, number))) {
      return fail('customer_erased', 'That card belonged to a customer who was erased', {
        field: `${field}.card`,
      });
    }
    const row =
      card?.status === 'active'
        ? await activeOrSurvivor(deps, await findCustomerById(deps.db, card.customerId))
        : undefined;
    return usable(row, () => notFound('card'));
  }
  if (reference.phone) {
    const settings = await getShopSettings(deps.db);
    const phone = normalisePhone(reference.phone, settings.defaultCountry, `${field}.phone`);
    if (!phone.ok) return phone;
    const ids = await findCustomerIdsByLookup(
      deps.db,
      'phone',
      deps.vault.blindIndex('phone', phone.value),
      2,
    );
    if (ids.length > 1)
      return invalid(
        `${field}.phone`,
        'That phone belongs to more than one customer; use the customer number',
      );
    const row = ids[0]
      ? await activeOrSurvivor(deps, await findCustomerById(deps.db, ids[0]))
      : undefined;
    return usable(row, () => notFound('phone'));
  }
  return invalid(field, `${field} needs an id, number, card or phone`);
}

/** A customer named by id (the API) or by number (the CLI), whatever their status. */
export type CustomerIdOrNumber = { id: string } | { number: string };

export async function findCustomerByIdOrNumber(
  db: Db,
  which: CustomerIdOrNumber,
  options: { forUpdate?: boolean } = {},
): Promise<CustomerRow | undefined> {
  if ('id' in which) return findCustomerById(db, which.id, options);
  const number = compactDigits(which.number);
  if (number === '') return undefined;
  const row = await findCustomerByNumber(db, number);
  // Locked by id, as every other writer locks it.
  return row && options.forUpdate ? findCustomerById(db, row.id, options) : row;
}
