import type { DuplicateMatchField } from '../../domain/customer.ts';
import type { ContactDetails } from '../../domain/contact-details.ts';
import { validateConsent, type ConsentDecision, type ConsentInput } from '../../domain/consent.ts';
import { generateCustomerNumber } from '../../domain/customer-number.ts';
import {
  validateCustomerChanges,
  validateNewCustomer,
  type CustomerChanges,
  type CustomerInput,
} from '../../domain/customer.ts';
import { nameTerms, searchableName } from '../../domain/names.ts';
import { redactCardNumbers } from '../../domain/free-text.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { insertConsentRecords } from '../../store/consents.ts';
import {
  findSealedContacts,
  findCustomerIdsByLookup,
  replaceLookups,
  upsertSealedContacts,
} from '../../store/customer-contacts.ts';
import {
  insertCustomerChanges,
  selectCustomerChanges,
  type CustomerChangeRow,
} from '../../store/customer-changes.ts';
import {
  findCustomerById,
  insertCustomerRecords,
  replaceNameTerms,
  selectCustomersByIds,
  updateCustomer as updateCustomerRow,
  type CustomerListFilter,
  type CustomerRow,
} from '../../store/customers.ts';
import type { Db } from '../../store/database.ts';
import {
  findCustomerWithHintById,
  selectCustomerPageWithHints,
} from '../../store/insight-hints.ts';
import { inTransaction } from '../../store/transaction.ts';
import { recordAudit } from '../platform/audit.ts';
import { actorColumns, type Actor, type ServiceDeps } from '../platform/context.ts';
import {
  contactLookupKinds,
  contactLookups,
  openContacts,
  prepareNewCustomer,
  sealContacts,
} from './customer-records.ts';
import {
  buildCustomerView,
  buildCustomerViews,
  toSummary,
  type CustomerSummary,
  type CustomerView,
} from './customer-view.ts';
import { getShopSettings } from '../shop/settings.ts';
import { awardSignupBonus } from '../loyalty/loyalty-bonus.ts';
import { rulesAt } from '../loyalty/loyalty-program.ts';

export type PossibleDuplicate = {
  id: string;
  number: string;
  name: string;
  matchedOn: DuplicateMatchField;
};

export type NewCustomerInput = CustomerInput & { consents?: ConsentInput[] };

function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

async function validationContext(deps: ServiceDeps) {
  const settings = await getShopSettings(deps.db);
  return { defaultCountry: settings.defaultCountry, today: today(deps.now()) };
}

function validateConsents(inputs: ConsentInput[] | undefined): Result<ConsentDecision[]> {
  const decisions: ConsentDecision[] = [];
  for (const [index, input] of (inputs ?? []).entries()) {
    const decision = validateConsent(input, `consents[${index}]`);
    if (!decision.ok) return decision;
    decisions.push(decision.value);
  }
  return ok(decisions);
}

/** Active customers who already have this phone or email: the till warns before a duplicate. */
export async function findPossibleDuplicates({
  deps,
  contacts,
  excludeId,
}: {
  deps: ServiceDeps;
  contacts: Pick<ContactDetails, 'phone' | 'email'>;
  excludeId?: string;
}): Promise<PossibleDuplicate[]> {
  const matches = new Map<string, 'phone' | 'email'>();
  for (const lookup of contactLookups(deps.vault, contacts)) {
    if (lookup.kind !== 'phone' && lookup.kind !== 'email') continue;
    for (const id of await findCustomerIdsByLookup(deps.db, lookup.kind, lookup.digest, 10)) {
      if (id !== excludeId && !matches.has(id)) matches.set(id, lookup.kind);
    }
  }
  const rows = await selectCustomersByIds(deps.db, [...matches.keys()]);
  return rows
    .filter((row) => row.status === 'active')
    .map((row) => ({
      id: row.id,
      number: row.number,
      name: row.name,
      matchedOn: matches.get(row.id)!,
    }));
}

/** Validates raw phone/email as the new-customer form has them, then looks for duplicates. */
export async function checkDuplicates(
  deps: ServiceDeps,
  input: { phone?: string | null; email?: string | null },
): Promise<Result<PossibleDuplicate[]>> {
  const changes = validateCustomerChanges(
    { phone: input.phone ?? null, email: input.email ?? null },
    await validationContext(deps),
  );
  if (!changes.ok) return changes;
  return ok(
    await findPossibleDuplicates({
      deps,
      contacts: {
        phone: changes.value.phone ?? null,
        email: changes.value.email ?? null,
      },
    }),
  );
}

export async function createCustomer({
  deps,
  actor,
  input,
  source = 'till',
}: {
  deps: ServiceDeps;
  actor: Actor;
  input: NewCustomerInput;
  source?: string;
}): Promise<Result<{ customer: CustomerView; duplicates: PossibleDuplicate[] }>> {
  const validated = validateNewCustomer(input, await validationContext(deps));
  if (!validated.ok) return validated;
  const consents = validateConsents(input.consents);
  if (!consents.ok) return consents;
  const changes = validated.value;
  const duplicates = await findPossibleDuplicates({
    deps,
    contacts: {
      phone: changes.phone ?? null,
      email: changes.email ?? null,
    },
  });
  const at = deps.now();
  const columns = actorColumns(actor);
  const record = prepareNewCustomer(deps.vault, {
    changes,
    number: generateCustomerNumber(deps.randomInt),
    createdByStaffId: columns.actorStaffId,
    createdOutletId: columns.outletId,
    at,
  });
  const loyalty = await rulesAt(deps.db, at);
  const created = await inTransaction(deps.db, async (trx) => {
    // A random number may collide with an existing one; draw again (rare).
    for (let attempt = 0; (await insertCustomerRecords(trx, [record])).size > 0; attempt++) {
      if (attempt > 20) throw new Error('Could not draw a free customer number');
      record.number = generateCustomerNumber(deps.randomInt);
    }
    await insertCustomerChanges(trx, [
      { customerId: record.id, kind: 'created', ...columns, at, fields: { source } },
    ]);
    // One entry per customer made by hand; an import logs one entry naming its count.
    await recordAudit({
      db: trx,
      actor,
      entry: {
        action: 'customer.created',
        subjectType: 'customer',
        subjectId: record.id,
        detail: { customerNumber: record.number, source },
      },
    });
    await insertConsentRecords(
      trx,
      consents.value.map((consent) => ({
        customerId: record.id,
        ...consent,
        staffId: columns.actorStaffId,
        apiKeyId: columns.actorApiKeyId,
        outletId: columns.outletId,
        source,
        at,
      })),
    );
    const bonus = await awardSignupBonus({ trx, actor, customerId: record.id, loyalty, at });
    if (!bonus.ok) return bonus;
    return ok(await findCustomerById(trx, record.id));
  });
  if (!created.ok) return created;
  const row = created.value;
  if (!row) throw new Error('created customer vanished');
  return ok({
    customer: await buildCustomerView({ db: deps.db, vault: deps.vault, row }),
    duplicates,
  });
}

const contactFields = ['phone', 'email', 'address', 'birthday'] as const;

/**
 * A history value as it may be kept: a card number typed before the guard existed and
 * corrected now must not live on in the history, so any such run of digits is masked.
 */
function historyValue<T>(value: T): T {
  return JSON.parse(redactCardNumbers(JSON.stringify(value) ?? 'null')) as T;
}

/** What changed, for the history: clear fields with from/to, contact fields only named. */
function describeChanges(
  before: CustomerRow,
  oldContacts: ContactDetails,
  changes: CustomerChanges,
) {
  const fields: Record<string, unknown> = {};
  if (changes.name !== undefined && changes.name !== before.name)
    fields.name = { from: historyValue(before.name), to: historyValue(changes.name) };
  if (changes.notes !== undefined && changes.notes !== before.notes) {
    fields.notes = { from: historyValue(before.notes), to: historyValue(changes.notes) };
  }
  if (
    changes.preferences !== undefined &&
    JSON.stringify(changes.preferences) !== JSON.stringify(before.preferences)
  ) {
    fields.preferences = {
      from: historyValue(before.preferences),
      to: historyValue(changes.preferences),
    };
  }
  for (const field of contactFields) {
    const next = changes[field];
    if (next !== undefined && JSON.stringify(next) !== JSON.stringify(oldContacts[field])) {
      fields[field] = next === null ? 'removed' : oldContacts[field] === null ? 'added' : 'changed';
    }
  }
  return fields;
}

export async function updateCustomer({
  deps,
  actor,
  id,
  input,
}: {
  deps: ServiceDeps;
  actor: Actor;
  id: string;
  input: CustomerInput & { expectedVersion?: number };
}): Promise<Result<CustomerView>> {
  const validated = validateCustomerChanges(input, await validationContext(deps));
  if (!validated.ok) return validated;
  const changes = validated.value;
  const at = deps.now();
  const updated = await inTransaction(deps.db, async (trx) => {
    const before = await findCustomerById(trx, id, { forUpdate: true });
    if (!before) return fail('customer_not_found', `No customer with id ${id}`);
    if (before.status !== 'active') {
      return fail(
        'customer_not_active',
        `Customer ${before.number} is ${before.status} and cannot be edited`,
      );
    }
    if (input.expectedVersion !== undefined && input.expectedVersion !== before.version) {
      return fail(
        'version_conflict',
        'Someone else changed this customer meanwhile; reload and try again',
        {
          details: { currentVersion: before.version },
        },
      );
    }
    const sealed = await findSealedContacts(trx, id);
    const oldContacts = openContacts(deps.vault, sealed);
    const fields = describeChanges(before, oldContacts, changes);
    if (Object.keys(fields).length === 0) return ok(before);
    const contactsChanged = contactFields.some((field) => field in fields);
    if (contactsChanged) {
      const next: ContactDetails = {
        phone: changes.phone !== undefined ? changes.phone : oldContacts.phone,
        email: changes.email !== undefined ? changes.email : oldContacts.email,
        address: changes.address !== undefined ? changes.address : oldContacts.address,
        birthday: changes.birthday !== undefined ? changes.birthday : oldContacts.birthday,
      };
      await upsertSealedContacts(
        trx,
        id,
        sealContacts({ vault: deps.vault, contacts: next, existing: sealed }),
        at,
      );
      await replaceLookups(trx, id, contactLookupKinds, contactLookups(deps.vault, next));
    }
    if (changes.name !== undefined && changes.name !== before.name) {
      await replaceNameTerms(trx, id, searchableName(changes.name), nameTerms(changes.name));
    }
    const row = await updateCustomerRow(
      trx,
      id,
      {
        ...(changes.name !== undefined
          ? { name: changes.name, searchName: searchableName(changes.name) }
          : {}),
        ...(changes.notes !== undefined ? { notes: changes.notes } : {}),
        ...(changes.preferences !== undefined ? { preferences: changes.preferences } : {}),
      },
      at,
    );
    await insertCustomerChanges(trx, [
      { customerId: id, kind: 'updated', ...actorColumns(actor), at, fields },
    ]);
    return ok(row);
  });
  if (!updated.ok) return updated;
  return ok(await buildCustomerView({ db: deps.db, vault: deps.vault, row: updated.value }));
}

export async function getCustomer(deps: ServiceDeps, id: string): Promise<Result<CustomerView>> {
  // The till's look-up: the insight hint comes with the row, not as a query of its own.
  const row = await findCustomerWithHintById(deps.db, id);
  if (!row) return fail('customer_not_found', `No customer with id ${id}`);
  return ok(await buildCustomerView({ db: deps.db, vault: deps.vault, row, now: deps.now() }));
}

export async function listCustomers(
  deps: ServiceDeps,
  filter: Omit<CustomerListFilter, 'offset' | 'limit'> & { page: number; pageSize: number },
): Promise<{ items: CustomerSummary[]; total: number; page: number; pageSize: number }> {
  const { page, pageSize, ...rest } = filter;
  const text = rest.text ? searchableName(rest.text) || rest.text.replace(/\s/g, '') : undefined;
  const { rows, total } = await selectCustomerPageWithHints(deps.db, {
    ...rest,
    ...(text ? { text } : {}),
    offset: (page - 1) * pageSize,
    limit: pageSize,
  });
  const views = await buildCustomerViews({ db: deps.db, vault: deps.vault, rows });
  return { items: views.map(toSummary), total, page, pageSize };
}

export async function customerHistory(db: Db, id: string): Promise<Result<CustomerChangeRow[]>> {
  const row = await findCustomerById(db, id);
  if (!row) return fail('customer_not_found', `No customer with id ${id}`);
  return ok(await selectCustomerChanges(db, id, 200));
}
