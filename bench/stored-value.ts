import { minor } from '../src/domain/units.ts';
import { randomInt } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { createRandom } from '../src/demo/generate-customers.ts';
import { createContactVault } from '../src/services/platform/contact-vault.ts';
import type { ServiceDeps } from '../src/services/platform/context.ts';
import { changeGiftCard } from '../src/services/stored-value/gift-card-ledger.ts';
import { completeSale } from '../src/services/sales/sales.ts';
import type { GiftCardRecord } from '../src/store/gift-cards.ts';
import { inTransaction } from '../src/store/transaction.ts';
import type { BenchArgs } from './args.ts';
import { defaultBenchDatabaseUrl, describeUrl, openFreshPostgres } from './bench-database.ts';
import { defaultCheckoutDatabaseUrl } from './checkout.ts';
import { drive, type DriveResult } from './checkout-drive.ts';
import { createCheckoutShop, type CheckoutShop } from './checkout-shop.ts';
import {
  createBenchCards,
  ledgerContext,
  verifyLedger,
  type BenchCards,
} from './stored-value-cards.ts';
import {
  printStoredValueReport,
  type Layer,
  type Scenario,
  type StoredValueRow,
} from './stored-value-report.ts';

export const defaultStoredValueDatabaseUrl =
  'postgres://postgres@127.0.0.1:5432/clientele_bench_stored_value';

/** Enough for every redemption of a run on one card: it must never run dry mid-run. */
const hotCardBalance = 1_000_000_000_000;
const cardBalance = 1_000_000_00;
const maxRedemption = 500;

const log = (line: string) => console.log(line);

/** Its own database, never the search or checkout bench's: this one drops schema public. */
function storedValueDatabaseUrl(args: BenchArgs): string {
  const url = args.text('stored-value-database-url', defaultStoredValueDatabaseUrl);
  const name = (value: string) => new URL(value).pathname.slice(1);
  for (const other of [defaultBenchDatabaseUrl, defaultCheckoutDatabaseUrl]) {
    if (name(url) === name(other)) {
      throw new Error(`${describeUrl(url)} is another bench's database; use another one`);
    }
  }
  return url;
}

type Timing = { seconds: number; warmupSeconds: number; workers: number };

/** What one redemption took from which card, so the balances can be checked afterwards. */
type Redemption = { cardId: string; amount: number };
/** Successful redemptions per card, and failures in any phase (warm-up included). */
type Tally = { redeemed: Map<string, number>; failures: number };
type Perform = (worker: number, key: string) => Promise<Redemption>;

/** A warm-up run first (JIT, pool connections, plan caches), then the measured one. */
async function measured(
  timing: Timing,
  label: string,
  tally: Tally,
  perform: Perform,
): Promise<DriveResult> {
  const run = (phase: string, seconds: number) =>
    drive({
      workers: timing.workers,
      seconds,
      sales: 0,
      perform: async (worker, index) => {
        try {
          const done = await perform(worker, `${label}-${phase}-${index}`);
          tally.redeemed.set(done.cardId, (tally.redeemed.get(done.cardId) ?? 0) + done.amount);
        } catch (error) {
          tally.failures++;
          throw error;
        }
      },
    });
  if (timing.warmupSeconds > 0) await run('warm', timing.warmupSeconds);
  const result = await run('run', timing.seconds);
  log(
    `${label}: ${result.sales} redemptions in ${result.seconds.toFixed(1)} s = ` +
      `${result.perSecond.toFixed(1)}/s, ${result.failures} failed`,
  );
  return result;
}

/** Each worker draws its cards from its own seeded sequence: the same draws every run. */
function cardPicker(cards: BenchCards, scenario: Scenario, workers: number) {
  const randoms = Array.from({ length: workers }, (_, worker) => createRandom(7000 + worker));
  return (worker: number): { card: GiftCardRecord; random: () => number } => {
    const random = randoms[worker]!;
    const card =
      scenario === 'hot' ? cards.hot : cards.spread[Math.floor(random() * cards.spread.length)]!;
    return { card, random };
  };
}

/** changeGiftCard alone: the guarded update and the activity, one transaction each. */
function ledgerRedemption(
  deps: ServiceDeps,
  shop: CheckoutShop,
  cards: BenchCards,
  scenario: Scenario,
  workers: number,
): Perform {
  const pick = cardPicker(cards, scenario, workers);
  return async (worker, key) => {
    const { card, random } = pick(worker);
    const amount = 1 + Math.floor(random() * maxRedemption);
    // The card record is stale after the first use: changeGiftCard re-reads on conflict.
    const changed = await inTransaction(deps.db, (trx) =>
      changeGiftCard({
        trx,
        card,
        operation: { kind: 'REDEEM', amount: minor(amount) },
        context: ledgerContext(shop.outletId, key),
      }),
    );
    if (!changed.ok) throw new Error(`${changed.code}: ${changed.message}`);
    return { cardId: card.id, amount };
  };
}

/** completeSale at the worker's own register, one product, paid wholly by the gift card. */
function saleRedemption(
  deps: ServiceDeps,
  shop: CheckoutShop,
  cards: BenchCards,
  scenario: Scenario,
  workers: number,
): Perform {
  const pick = cardPicker(cards, scenario, workers);
  return async (worker, key) => {
    const { card, random } = pick(worker);
    const product = shop.products[Math.floor(random() * shop.products.length)]!;
    const till = shop.tills[worker]!;
    const sale = await completeSale({
      deps,
      actor: till.actor,
      input: {
        registerId: till.registerId,
        lines: [{ product: product.sku, quantity: 1 }],
        tenders: [{ kind: 'gift_card', number: card.number, amount: product.price }],
        idempotencyKey: key,
      },
      source: 'till',
    });
    if (!sale.ok) throw new Error(`${sale.code}: ${sale.message}`);
    return { cardId: card.id, amount: product.price };
  };
}

export async function runStoredValueBench(args: BenchArgs): Promise<void> {
  const timing: Timing = {
    seconds: args.number('seconds', 15),
    warmupSeconds: args.number('warmup-seconds', 2),
    workers: args.number('workers', 32),
  };
  const cardCount = args.number('cards', 10_000);
  if (timing.workers < 1) throw new Error('--workers must be at least 1');
  if (cardCount < 1) throw new Error('--cards must be at least 1');
  const layers: Layer[] = [
    ...(args.flag('skip-ledger') ? [] : ['ledger' as const]),
    ...(args.flag('skip-sale') ? [] : ['sale' as const]),
  ];
  // One connection per worker: a redemption holds one for its transaction, never two.
  const poolSize = timing.workers;
  const cores = cpus().length;
  const loadStart = loadavg();
  log(
    `stored-value bench: ${cores} cores, load average ${loadStart.map((v) => v.toFixed(2)).join(' ')}`,
  );
  const url = storedValueDatabaseUrl(args);
  log(`postgres: ${describeUrl(url)} (schema public dropped and recreated), pool ${poolSize}`);
  const handle = await openFreshPostgres(url, poolSize);
  try {
    const deps: ServiceDeps = {
      db: handle.db,
      vault: createContactVault(Buffer.alloc(32)),
      now: () => new Date(),
      randomInt,
    };
    // One register and cashier per worker, so sale-number counters never serialise them.
    const shop = await createCheckoutShop(deps, {
      registers: timing.workers,
      products: 5,
      customers: 0,
      log,
    });
    const cards = await createBenchCards(deps, {
      outletId: shop.outletId,
      cards: cardCount,
      hotBalance: hotCardBalance,
      balance: cardBalance,
      log,
    });

    const tally: Tally = { redeemed: new Map(), failures: 0 };
    const rows: StoredValueRow[] = [];
    for (const layer of layers) {
      const perform = layer === 'ledger' ? ledgerRedemption : saleRedemption;
      for (const scenario of ['hot', 'spread'] as const) {
        const result = await measured(
          timing,
          `${layer}-${scenario}`,
          tally,
          perform(deps, shop, cards, scenario, timing.workers),
        );
        rows.push({ layer, scenario, result });
      }
    }

    const verification = await verifyLedger(deps, {
      cards,
      sampleSize: 200,
      redeemed: tally.redeemed,
      tallyChecked: tally.failures === 0,
    });
    printStoredValueReport({
      cores,
      loadAverage: { start: loadStart, end: loadavg() },
      workers: timing.workers,
      poolSize,
      seconds: timing.seconds,
      warmupSeconds: timing.warmupSeconds,
      cards: cardCount,
      rows,
      verification,
    });
    if (!verification.ok) throw new Error('ledger invariant violated: see above');
  } finally {
    await handle.close();
  }
}
