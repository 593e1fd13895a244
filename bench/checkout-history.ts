import type { ServiceDeps } from '../src/services/platform/context.ts';
import { purchaseHistory, purchaseSummary } from '../src/services/sales/purchase-history.ts';
import { completeSale } from '../src/services/sales/sales.ts';
import { basketMaker, drive } from './checkout-drive.ts';
import type { CheckoutShop } from './checkout-shop.ts';
import { elapsedMs, summarise, type Summary } from './stats.ts';

const threeYearsMs = 3 * 365 * 86_400_000;

/**
 * Gives `customerId` `count` sales through completeSale, spread evenly over the last three
 * years (a regular's weekly-or-more visits), from all tills at once to save time.
 */
export async function seedHistory(
  deps: ServiceDeps,
  shop: CheckoutShop,
  customerId: string,
  count: number,
  seed: number,
): Promise<{ seconds: number }> {
  const nextBasket = basketMaker(shop, seed);
  const now = Date.now();
  const result = await drive({
    workers: Math.min(8, shop.tills.length),
    seconds: 0,
    sales: count,
    perform: async (worker, index) => {
      const { customer: _ignored, ...basket } = nextBasket();
      const sale = await completeSale({
        deps,
        actor: shop.tills[worker]!.actor,
        input: {
          ...basket,
          customer: { id: customerId },
          idempotencyKey: `history-${customerId}-${index}`,
          completedAt: new Date(now - threeYearsMs + Math.floor((index * threeYearsMs) / count)),
        },
        source: 'import',
      });
      if (!sale.ok) throw new Error(`${sale.code}: ${sale.message}`);
    },
  });
  if (result.failures > 0) throw new Error(`history seed: ${result.firstFailure}`);
  return { seconds: result.seconds };
}

/** `result`: sales on the page, or visits the summary counted (shows the right data came back). */
export type HistoryRow = { call: string; result: string; latency: Summary };

/** A call a profile page makes; answers what it got back. */
type HistoryCall = { call: string; run: () => Promise<string> };

/**
 * The first page of 10 and of 20 (each sale on a page costs the same, so 10 against 10
 * is the fair comparison with a short history), page `deepPage` of 20, reached by
 * following nextCursor as a till scrolling back would, when the history is that long,
 * and the lifetime summary.
 */
export async function historyCalls(
  deps: ServiceDeps,
  customerId: string,
  deepPage: number,
): Promise<HistoryCall[]> {
  const page = async (limit: number, cursor?: string) => {
    const result = await purchaseHistory({
      deps,
      customerId,
      page: {
        limit,
        ...(cursor ? { cursor } : {}),
      },
    });
    if (!result.ok) throw new Error(`purchaseHistory: ${result.message}`);
    return result.value;
  };
  const calls: HistoryCall[] = [10, 20].map((limit) => ({
    call: `history, first ${limit}`,
    run: async () => `${(await page(limit)).items.length} sales`,
  }));
  let cursor = (await page(20)).nextCursor;
  for (let n = 2; n < deepPage && cursor; n++) cursor = (await page(20, cursor)).nextCursor;
  const deepCursor = cursor;
  if (deepCursor) {
    calls.push({
      call: `history, page ${deepPage} of 20`,
      run: async () => `${(await page(20, deepCursor)).items.length} sales`,
    });
  }
  calls.push({
    call: 'summary',
    run: async () => {
      const result = await purchaseSummary(deps, customerId);
      if (!result.ok) throw new Error(`purchaseSummary: ${result.message}`);
      return `${result.value.visits} visits`;
    },
  });
  return calls;
}

/**
 * One caller at a time (the latency a profile page sees, not a throughput), the calls
 * taken in turn within each round: the machine's load drifts, and interleaving spreads
 * the drift over every row alike instead of favouring whichever ran last.
 */
export async function timeInterleaved(
  groups: readonly (readonly HistoryCall[])[],
  runs: number,
): Promise<HistoryRow[][]> {
  const calls = groups.flat();
  const samples = calls.map(() => [] as number[]);
  const results = calls.map(() => '');
  for (let round = -Math.min(10, runs); round < runs; round++) {
    for (const [index, call] of calls.entries()) {
      const start = process.hrtime.bigint();
      results[index] = await call.run();
      // Negative rounds warm up (plans, buffers, JIT) and are not kept.
      if (round >= 0) samples[index]!.push(elapsedMs(start));
    }
  }
  let next = 0;
  return groups.map((group) =>
    group.map((call) => {
      const index = next++;
      return { call: call.call, result: results[index]!, latency: summarise(samples[index]!) };
    }),
  );
}
