import { makeCardNumber } from '../../domain/customer-number.ts';
import type { Role } from '../../domain/permissions.ts';
import { generateCustomers, type GeneratedCustomer } from '../../demo/generate-customers.ts';
import { withDemoSeedingLock } from '../../store/demo-reset.ts';
import { insertOutlet, insertRegister } from '../../store/outlets.ts';
import { upsertSetting } from '../../store/settings.ts';
import { insertStaff } from '../../store/staff.ts';
import { inTransaction } from '../../store/transaction.ts';
import { ok } from '../../domain/result.ts';
import { systemActor, type ServiceDeps } from '../platform/context.ts';
import { finishDemoLoyalty, seedDemoLoyalty } from './demo-loyalty.ts';
import { markDemoSeeding, readDemoShopState, wipeUnfinishedDemoShop } from './demo-seed-state.ts';
import { demoRegularCount, seedDemoRegulars } from './demo-regulars.ts';
import { seedDemoStoredValue } from './demo-stored-value.ts';
import { completeSale } from '../sales/sales.ts';
import { createRandom } from '../../demo/generate-customers.ts';
import { demoCatalogue } from '../../demo/catalogue.ts';
import { upsertProducts } from '../../store/catalogue.ts';
import { selectRegisters } from '../../store/outlets.ts';
import { findStaffByUsername } from '../../store/staff.ts';
import { insertValidatedCustomers, type BulkCustomer } from '../customers/customer-bulk.ts';
import { hashSecret } from '../platform/secrets.ts';
import { demoCashierAt } from './demo-cashier.ts';

/** The demo staff, one per role; printed on first start and in the README. */
export const demoSignIns: {
  role: Role;
  username: string;
  displayName: string;
  password: string;
  pin: string;
}[] = [
  {
    role: 'admin',
    username: 'admin',
    displayName: 'Alex Admin',
    password: 'admin-demo-1',
    pin: '7351',
  },
  {
    role: 'supervisor',
    username: 'sam',
    displayName: 'Sam Supervisor',
    password: 'sam-demo-1',
    pin: '2468',
  },
  {
    role: 'cashier',
    username: 'cara',
    displayName: 'Cara Cashier',
    password: 'cara-demo-1',
    pin: '1357',
  },
  {
    role: 'marketer',
    username: 'mia',
    displayName: 'Mia Marketer',
    password: 'mia-demo-1',
    pin: '8642',
  },
  {
    role: 'auditor',
    username: 'aud',
    displayName: 'Ari Auditor',
    password: 'aud-demo-1',
    pin: '9173',
  },
];

export const demoConsentWording = {
  email:
    'I would like to receive offers and news from the shop by email. I can withdraw at any time.',
  sms: 'I would like to receive offers from the shop by text message. I can withdraw at any time.',
} as const;

export const demoCustomerCount = 2400;

function toBulkCustomer(customer: GeneratedCustomer, index: number): BulkCustomer {
  return {
    changes: {
      name: customer.name,
      phone: customer.phone,
      email: customer.email,
      address: customer.address,
      birthday: customer.birthday,
      preferences: customer.preferences,
      notes: customer.notes,
    },
    consents: [
      ...(customer.emailConsent
        ? [{ channel: 'email' as const, granted: true, wording: demoConsentWording.email }]
        : []),
      ...(customer.smsConsent
        ? [{ channel: 'sms' as const, granted: true, wording: demoConsentWording.sms }]
        : []),
    ],
    // A third of the demo customers carry a pre-printed card.
    ...(index % 3 === 0 ? { cardNumber: makeCardNumber(1000 + index) } : {}),
  };
}

/**
 * Fills an empty database with a demo shop: two outlets with registers, one staff
 * member of every role, and a few thousand realistic customers. Does nothing when
 * the shop already has outlets, staff or customers. All or nothing across crashes: a
 * seeding that a crash interrupted is wiped and made again on the next start.
 */
export async function seedDemoShopIfEmpty(
  deps: ServiceDeps,
  options: { log: (line: string) => void; customers?: number },
): Promise<{ signIns: typeof demoSignIns } | null> {
  return withDemoSeedingLock(deps.db, (db) => seedUnderLock({ ...deps, db }, options));
}

async function seedUnderLock(
  deps: ServiceDeps,
  options: { log: (line: string) => void; customers?: number },
): Promise<{ signIns: typeof demoSignIns } | null> {
  const state = await readDemoShopState(deps.db);
  if (state === 'in_use') return null;
  const demoUsernames = demoSignIns.map((staff) => staff.username);
  if (
    state === 'unfinished' &&
    !(await wipeUnfinishedDemoShop(deps.db, { demoUsernames, log: options.log }))
  )
    return null;
  options.log('Empty database: creating the demo shop');
  const hashed = await Promise.all(
    demoSignIns.map(async (staff) => ({
      ...staff,
      passwordHash: await hashSecret(staff.password),
      pinHash: await hashSecret(staff.pin),
    })),
  );
  await inTransaction(deps.db, async (trx) => {
    await markDemoSeeding({ db: trx, state: 'started', at: deps.now() });
    await upsertSetting(trx, 'shopName', 'Harbour & Pine');
    await upsertSetting(trx, 'defaultCountry', 'GB');
    await upsertProducts(trx, demoCatalogue('GBP'));
    const outlets = [
      { code: 'LDN', name: 'London Covent Garden' },
      { code: 'BRI', name: 'Brighton North Laine' },
    ];
    let homeOutletId: string | null = null;
    for (const outlet of outlets) {
      const outletId = await insertOutlet(trx, {
        ...outlet,
        currency: 'GBP',
        timeZone: 'Europe/London',
        settings: { promptForCustomer: true, customerNameOnReceipt: true },
      });
      homeOutletId ??= outletId;
      for (const register of [1, 2]) {
        await insertRegister(trx, {
          outletId,
          code: `${outlet.code}-${register}`,
          name: `${outlet.name} till ${register}`,
        });
      }
    }
    for (const staff of hashed) {
      await insertStaff(trx, {
        username: staff.username,
        displayName: staff.displayName,
        role: staff.role,
        passwordHash: staff.passwordHash,
        pinHash: staff.pinHash,
        homeOutletId,
      });
    }
    return ok(true);
  });
  const count = options.customers ?? demoCustomerCount;
  const generated = [...generateCustomers({ count, seed: 20261122 })].map(toBulkCustomer);
  const generatedIds: string[] = [];
  for (let start = 0; start < generated.length; start += 500) {
    const batch = generated.slice(start, start + 500);
    const written = await inTransaction(deps.db, async (trx) =>
      ok(
        await insertValidatedCustomers({
          trx,
          deps,
          actor: systemActor,
          items: batch,
          source: 'demo',
        }),
      ),
    );
    if (written.ok) generatedIds.push(...written.value.map((record) => record.id));
    options.log(`Demo shop: customers ${generatedIds.length} of ${count}`);
  }
  await seedDemoLoyalty(deps);
  const sales = await seedDemoSales(deps, {
    customers: generatedIds,
    sales: Math.round(count / 8),
    log: options.log,
  });
  const regularVisits = await seedDemoRegulars(
    deps,
    generatedIds.filter((_, index) => index % 4 === 3),
  );
  options.log(`Demo shop: ${regularVisits} visits of ${demoRegularCount} regular customers`);
  await finishDemoLoyalty(deps);
  const storedValue = await seedDemoStoredValue(
    deps,
    generatedIds.filter((_, index) => index % 4 === 1),
  );
  await markDemoSeeding({ db: deps.db, state: 'finished', at: deps.now() });
  options.log(
    `Demo shop ready with ${count} customers, ${sales} sales, ${storedValue.cardsSold} gift cards sold`,
  );
  return { signIns: demoSignIns };
}

/**
 * A purchase history for a quarter of the demo customers: sales through the same
 * service as the till, spread over the last eighteen months, so profiles, history and
 * returns have something to show.
 */
async function seedDemoSales(
  deps: ServiceDeps,
  options: { customers: string[]; sales: number; log: (line: string) => void },
): Promise<number> {
  const random = createRandom(1122);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const registers = await selectRegisters(deps.db);
  const cashier = await findStaffByUsername(deps.db, 'cara');
  const products = demoCatalogue('GBP');
  if (!cashier || registers.length === 0) return 0;
  const buyers = options.customers.filter((_, index) => index % 4 === 1);
  const now = deps.now().getTime();
  let made = 0;
  // Progress in tenths: a first start takes a while, and the log shows it moving.
  const step = Math.max(1, Math.ceil(options.sales / 10));
  for (let i = 0; i < options.sales; i++) {
    const register = pick(registers);
    const actor = demoCashierAt(cashier, register);
    const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
      product: pick(products).sku,
      quantity: 1 + Math.floor(random() * 2),
    }));
    const total = lines.reduce(
      (sum, line) => sum + products.find((p) => p.sku === line.product)!.price * line.quantity,
      0,
    );
    const sale = await completeSale({
      deps,
      actor,
      input: {
        customer: random() < 0.8 && buyers.length > 0 ? { id: pick(buyers) } : null,
        lines,
        tenders:
          random() < 0.6
            ? [{ kind: 'card', amount: total, reference: `DEMO-${1000 + i}` }]
            : [{ kind: 'cash', received: Math.ceil(total / 500) * 500 }],
        idempotencyKey: `demo-sale-${i}`,
        completedAt: new Date(
          now - Math.floor(random() * 540) * 86_400_000 - Math.floor(random() * 8) * 3_600_000,
        ),
      },
      source: 'demo',
    });
    if (sale.ok) made++;
    if ((i + 1) % step === 0 || i + 1 === options.sales)
      options.log(`Demo shop: sales ${i + 1} of ${options.sales}`);
  }
  return made;
}
