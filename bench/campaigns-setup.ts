import { randomInt } from 'node:crypto';
import { generateCustomers } from '../src/demo/generate-customers.ts';
import { ok } from '../src/domain/result.ts';
import { insertValidatedCustomers } from '../src/services/customers/customer-bulk.ts';
import { createContactVault } from '../src/services/platform/contact-vault.ts';
import { systemActor, type Actor, type ServiceDeps } from '../src/services/platform/context.ts';
import { hashSecret } from '../src/services/platform/secrets.ts';
import type { DatabaseHandle } from '../src/store/database.ts';
import { insertOutlet, insertRegister } from '../src/store/outlets.ts';
import { insertStaff } from '../src/store/staff.ts';
import { inTransaction } from '../src/store/transaction.ts';
import { customerSeed, settleAfterLoad } from './search-load.ts';
import { elapsedMs } from './stats.ts';

export const benchPassword = 'bench-password-1';
export const benchPin = '2580';
export const sinkDomain = 'sink.example';

/** Recipient i's address: the sink reads the index back to check each arrives once. */
export const benchEmail = (index: number) => `c${index}@${sinkDomain}`;

export type BenchShop = { registerId: string; marketer: string; cashier: string; admin: Actor };

export function benchDeps(handle: DatabaseHandle, masterKey: Buffer): ServiceDeps {
  return {
    db: handle.db,
    vault: createContactVault(masterKey),
    now: () => new Date(),
    randomInt: (min, max) => randomInt(min, max),
    concurrentReads: handle.kind === 'postgres' ? 2 : 1,
  };
}

/** An outlet and register, a marketer (password) and a cashier (PIN), as staff would sign in. */
export async function createBenchShop(deps: ServiceDeps): Promise<BenchShop> {
  const outletId = await insertOutlet(deps.db, {
    code: 'BEN',
    name: 'Bench Outlet',
    currency: 'GBP',
    timeZone: 'Europe/London',
    settings: {},
  });
  const registerId = await insertRegister(deps.db, { outletId, code: 'BEN-1', name: 'Till 1' });
  const passwordHash = await hashSecret(benchPassword);
  const pinHash = await hashSecret(benchPin);
  const staff = async (role: 'marketer' | 'cashier' | 'admin') =>
    insertStaff(deps.db, {
      username: `${role}1`,
      displayName: `Bench ${role}`,
      role,
      passwordHash,
      pinHash,
      homeOutletId: outletId,
    });
  const [marketer, cashier, admin] = [
    await staff('marketer'),
    await staff('cashier'),
    await staff('admin'),
  ];
  return {
    registerId,
    marketer: marketer.username,
    cashier: cashier.username,
    admin: {
      kind: 'staff',
      staffId: admin.id,
      label: admin.username,
      role: 'admin',
      outletId,
      registerId,
    },
  };
}

/**
 * `count` generated customers, every one with an email address at the sink and email
 * consent granted, written through the same bulk path as imports and the demo shop
 * (encrypted contact rows, blind indexes, consent records). Returns name fragments a
 * cashier would type to find some of them.
 */
export async function loadRecipients(
  deps: ServiceDeps,
  { count, concurrency, log }: { count: number; concurrency: number; log: (l: string) => void },
): Promise<{ seconds: number; searchTerms: string[] }> {
  const batchSize = 1000;
  // About 300 customers spread over the whole load, for the till's searches.
  const stride = Math.max(1, Math.floor(count / 300));
  const searchTerms: string[] = [];
  const started = process.hrtime.bigint();
  let next = 0;
  let loaded = 0;
  const worker = async () => {
    while (next < count) {
      const startIndex = next;
      next += batchSize;
      const size = Math.min(batchSize, count - startIndex);
      const generated = [...generateCustomers({ count: size, seed: customerSeed, startIndex })];
      const items = generated.map((customer, i) => ({
        changes: {
          name: customer.name,
          phone: customer.phone,
          email: benchEmail(startIndex + i),
          address: customer.address,
          birthday: customer.birthday,
          preferences: customer.preferences,
          notes: customer.notes,
        },
        consents: [{ channel: 'email' as const, granted: true, wording: 'Offers by email' }],
      }));
      const result = await inTransaction(deps.db, async (trx) =>
        ok(
          await insertValidatedCustomers({ trx, deps, actor: systemActor, items, source: 'bench' }),
        ),
      );
      if (!result.ok) throw new Error(`batch at ${startIndex}: ${result.message}`);
      // What a cashier types: the start of the first name and of the family name.
      for (const [i, customer] of generated.entries()) {
        if ((startIndex + i) % stride !== 0) continue;
        const [first = '', ...rest] = customer.name.split(' ');
        searchTerms.push(`${first.slice(0, 3)} ${(rest.at(-1) ?? '').slice(0, 4)}`.trim());
      }
      loaded += size;
      if (loaded % 20_000 === 0 || loaded === count) {
        log(`  loaded ${loaded.toLocaleString('en-GB')} recipients`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, () => worker()));
  await settleAfterLoad(deps.db);
  return { seconds: elapsedMs(started) / 1000, searchTerms };
}
