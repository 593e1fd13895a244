import { randomInt } from 'node:crypto';
import { generateCustomers } from '../src/demo/generate-customers.ts';
import { ok } from '../src/domain/result.ts';
import { systemActor, type Actor, type ServiceDeps } from '../src/services/platform/context.ts';
import {
  insertValidatedCustomers,
  type BulkCustomer,
} from '../src/services/customers/customer-bulk.ts';
import { hashSecret } from '../src/services/platform/secrets.ts';
import { insertOutlet, insertRegister } from '../src/store/outlets.ts';
import { upsertProducts, type NewProduct } from '../src/store/catalogue.ts';
import { insertStaff } from '../src/store/staff.ts';
import { inTransaction } from '../src/store/transaction.ts';
import { elapsedMs } from './stats.ts';

/** What a scan may name: the SKU or the barcode, and the shelf price (tax included). */
export type BenchProduct = { sku: string; barcode: string; price: number };

/** One till: its register, and the cashier signed in at it. */
export type Till = { registerId: string; username: string; actor: Actor };

export type CheckoutShop = {
  outletId: string;
  tills: Till[];
  products: BenchProduct[];
  customerIds: string[];
  /** Every cashier's PIN, for the HTTP sign-in at their register. */
  pin: string;
};

const styles: [name: string, category: string, brand: string, price: number, taxBp: number][] = [
  ['Linen tee', 'tops', 'Harbour', 2800, 2000],
  ['Oxford shirt', 'tops', 'Pine & Co', 5500, 2000],
  ['Merino jumper', 'knitwear', 'Fjell', 8900, 2000],
  ['Straight jeans', 'denim', 'Harbour', 8500, 2000],
  ['Wrap dress', 'dresses', 'Harbour', 7200, 2000],
  ['Waxed jacket', 'outerwear', 'Fjell', 24900, 2000],
  ['Wool socks', 'accessories', 'Fjell', 1200, 2000],
  ["Children's tee", 'kids', 'Harbour', 1400, 0],
  ['Canvas trainers', 'footwear', 'Pine & Co', 6400, 2000],
  ['Rain mac', 'outerwear', 'Pine & Co', 11900, 2000],
];
const sizes = ['XS', 'S', 'M', 'L', 'XL'];

/** Style × size, as a clothing catalogue is: lines share brands and sizes, as favourites do. */
function benchCatalogue(count: number): NewProduct[] {
  return Array.from({ length: count }, (_, index) => {
    const [name, category, brand, price, taxRateBp] = styles[index % styles.length]!;
    const size = sizes[Math.floor(index / styles.length) % sizes.length]!;
    return {
      sku: `BENCH-${String(index + 1).padStart(3, '0')}-${size}`,
      barcode: `50699${String(index + 1).padStart(8, '0')}`,
      name,
      category,
      brand,
      size,
      colour: null,
      price,
      currency: 'GBP',
      taxRateBp,
    };
  });
}

function toBulkCustomer(customer: {
  name: string;
  phone: string | null;
  email: string | null;
}): BulkCustomer {
  return {
    changes: { name: customer.name, phone: customer.phone, email: customer.email },
    consents: [],
  };
}

/** Customers through the same bulk write as imports, so the rows look like the till's. */
async function loadCustomers(deps: ServiceDeps, count: number): Promise<string[]> {
  const ids: string[] = [];
  const batchSize = 1000;
  for (let start = 0; start < count; start += batchSize) {
    const items = [
      ...generateCustomers({
        count: Math.min(batchSize, count - start),
        seed: 4242,
        startIndex: start,
      }),
    ].map(toBulkCustomer);
    const written = await inTransaction(deps.db, async (trx) =>
      ok(await insertValidatedCustomers({ trx, deps, actor: systemActor, items, source: 'bench' })),
    );
    if (!written.ok) throw new Error(`customer load failed: ${written.message}`);
    ids.push(...written.value.map((record) => record.id));
  }
  return ids;
}

/** One GBP outlet selling tax-inclusive, `registers` tills each with its own cashier. */
export async function createCheckoutShop(
  deps: ServiceDeps,
  options: { registers: number; products: number; customers: number; log: (line: string) => void },
): Promise<CheckoutShop> {
  const started = process.hrtime.bigint();
  const outletId = await insertOutlet(deps.db, {
    code: 'BCH',
    name: 'Bench High Street',
    currency: 'GBP',
    timeZone: 'Europe/London',
    settings: {},
    pricingMode: 'tax_inclusive',
  });
  const pin = String(randomInt(1000, 10_000));
  // One hash for all: argon2 is slow on purpose and the hash is not what is measured.
  const pinHash = await hashSecret(pin);
  const tills: Till[] = [];
  for (let index = 1; index <= options.registers; index++) {
    const code = `BCH-${index}`;
    const registerId = await insertRegister(deps.db, { outletId, code, name: `Till ${index}` });
    const staff = await insertStaff(deps.db, {
      username: `till${String(index).padStart(2, '0')}`,
      displayName: `Cashier ${index}`,
      role: 'cashier',
      passwordHash: null,
      pinHash,
      homeOutletId: outletId,
    });
    tills.push({
      registerId,
      username: staff.username,
      actor: {
        kind: 'staff',
        staffId: staff.id,
        label: staff.username,
        role: 'cashier',
        outletId,
        registerId,
      },
    });
  }
  const catalogue = benchCatalogue(options.products);
  await upsertProducts(deps.db, catalogue);
  const customerIds = await loadCustomers(deps, options.customers);
  options.log(
    `shop: 1 outlet, ${tills.length} registers and cashiers, ${catalogue.length} products, ` +
      `${customerIds.length.toLocaleString('en-GB')} customers in ` +
      `${(elapsedMs(started) / 1000).toFixed(1)} s`,
  );
  return {
    outletId,
    tills,
    products: catalogue.map((product) => ({
      sku: product.sku,
      barcode: product.barcode ?? product.sku,
      price: product.price,
    })),
    customerIds,
    pin,
  };
}
