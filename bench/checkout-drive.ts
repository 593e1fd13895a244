import { createRandom } from '../src/demo/generate-customers.ts';
import type { TenderRequest } from '../src/services/stored-value/stored-value-sale.ts';
import type { CheckoutShop } from './checkout-shop.ts';
import { elapsedMs, summarise, type Summary } from './stats.ts';

/** A sale as the till sends it, less the idempotency key. */
export type Basket = {
  lines: { product: string; quantity: number }[];
  tenders: TenderRequest[];
  customer?: { id: string };
};

/**
 * Random baskets: 1–4 lines scanned by barcode or typed by SKU, a known customer 70% of
 * the time, paid by card (exactly) or cash (rounded up to £5, so there is change). Prices
 * are tax-inclusive and no discount is given, so the total is Σ price × quantity.
 */
export function basketMaker(shop: CheckoutShop, seed: number): () => Basket {
  const random = createRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  let made = 0;
  return () => {
    made++;
    const lines = Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
      const product = pick(shop.products);
      return {
        code: random() < 0.5 ? product.barcode : product.sku,
        price: product.price,
        quantity: 1 + Math.floor(random() * 2),
      };
    });
    const total = lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
    const tenders: TenderRequest[] =
      random() < 0.6
        ? [{ kind: 'card', amount: total, reference: `AUTH-${seed}-${made}` }]
        : [{ kind: 'cash', received: Math.ceil(total / 500) * 500 }];
    return {
      lines: lines.map((line) => ({ product: line.code, quantity: line.quantity })),
      tenders,
      ...(random() < 0.7 ? { customer: { id: pick(shop.customerIds) } } : {}),
    };
  };
}

export type DriveResult = {
  sales: number;
  seconds: number;
  perSecond: number;
  latency: Summary;
  failures: number;
  firstFailure: string | null;
  /**
   * CPU time of this whole Node process per successful sale (user + system). Over HTTP it
   * includes the fetch clients, which run in the same process as the server.
   */
  nodeCpuMsPerSale: number;
};

/**
 * `workers` loops, each doing one `perform` after the other (a till never has two sales
 * in flight), until `seconds` have passed or, when `sales` > 0, that many were handed out.
 * `index` runs over all workers, so a caller can give each sale a unique key. Latency
 * counts successful sales only; throughput is successes over the wall time until the last
 * worker finished its sale in flight.
 */
export async function drive(options: {
  workers: number;
  seconds: number;
  sales: number;
  perform: (worker: number, index: number) => Promise<void>;
}): Promise<DriveResult> {
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | null = null;
  let next = 0;
  const started = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const deadline = Date.now() + options.seconds * 1000;
  let aborted = false;
  const more = () => !aborted && (options.sales > 0 ? next < options.sales : Date.now() < deadline);
  const worker = async (id: number) => {
    while (more()) {
      const index = next++;
      const start = process.hrtime.bigint();
      try {
        await options.perform(id, index);
        latencies.push(elapsedMs(start));
      } catch (error) {
        failures++;
        firstFailure ??= error instanceof Error ? error.message : String(error);
        // A broken setup fails every sale: stop instead of spinning on errors.
        if (failures >= 20) aborted = true;
      }
    }
  };
  await Promise.all(Array.from({ length: options.workers }, (_, id) => worker(id)));
  if (aborted) throw new Error(`${failures} sales failed; the first: ${firstFailure}`);
  const seconds = elapsedMs(started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  return {
    sales: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    latency: summarise(latencies),
    failures,
    firstFailure,
    nodeCpuMsPerSale: (cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length),
  };
}
