import { priceLine, saleTotals, type PricedLine } from '../domain/sales.ts';
import { checkFreeText, settleTenders, type TenderInput } from '../domain/tenders.ts';
import { fail, invalid, ok, type Result } from '../domain/result.ts';
import type { Db } from '../store/database.ts';
import { newId } from '../store/ids.ts';
import { findOutlet, findRegister, type OutletRow } from '../store/outlets.ts';
import { selectProductsByCodes, type ProductRow } from '../store/products.ts';
import {
  findSaleIdByIdempotencyKey,
  insertSale,
  nextSaleNumber,
  type SaleLineRecord,
  type StoredSale,
} from '../store/sales.ts';
import { inTransaction, isUniqueViolation } from '../store/transaction.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { resolveCustomerReference, type CustomerReference } from './customer-reference.ts';
import { loadSaleViews, type SaleView } from './sale-view.ts';
import { sameDigest, sha256 } from './secrets.ts';

export type SaleLineInput = { product: string; quantity: number; discount?: number };

export type CompleteSaleInput = {
  /** Required for callers without a till session (back office, API keys). */
  outletId?: string;
  registerId?: string;
  customer?: CustomerReference | null;
  lines: SaleLineInput[];
  tenders: TenderInput[];
  idempotencyKey: string;
  /** Only imports and integrations may say when a sale happened; the till is "now". */
  completedAt?: Date;
  externalRef?: string;
};

export type SaleContext = { outlet: OutletRow; registerId: string | null; counterKey: string };

/** Where a sale happens: the till's register, or the outlet named by an integration. */
export async function saleContext(
  deps: ServiceDeps,
  actor: Actor,
  input: { outletId?: string; registerId?: string },
): Promise<Result<SaleContext>> {
  const registerId = input.registerId ?? (actor.kind === 'staff' ? actor.registerId : null);
  if (registerId) {
    const register = await findRegister(deps.db, registerId);
    if (!register)
      return fail('register_not_found', `No register with id ${registerId}`, {
        field: 'registerId',
      });
    const outlet = await findOutlet(deps.db, register.outletId);
    if (!outlet) throw new Error('register without outlet');
    return ok({ outlet, registerId, counterKey: `register:${register.id}:${register.code}` });
  }
  const outletId = input.outletId ?? (actor.kind === 'staff' ? actor.outletId : null);
  if (!outletId) return invalid('outletId', 'outletId is required when not signed in at a till');
  const outlet = await findOutlet(deps.db, outletId);
  if (!outlet)
    return fail('outlet_not_found', `No outlet with id ${outletId}`, { field: 'outletId' });
  return ok({ outlet, registerId: null, counterKey: `outlet:${outlet.id}:${outlet.code}-API` });
}

export function saleNumberOf(counterKey: string, sequence: number): string {
  const label = counterKey.split(':')[2] ?? 'SALE';
  return `${label}-${String(sequence).padStart(6, '0')}`;
}

type PricedSaleLine = { product: ProductRow; priced: PricedLine };

async function priceLines(
  deps: ServiceDeps,
  outlet: OutletRow,
  lines: SaleLineInput[],
): Promise<Result<PricedSaleLine[]>> {
  if (lines.length === 0) return invalid('lines', 'a sale needs at least one line');
  if (lines.length > 500) return invalid('lines', 'a sale may have at most 500 lines');
  const products = await selectProductsByCodes(deps.db, [
    ...new Set(lines.map((line) => line.product.trim())),
  ]);
  const priced: PricedSaleLine[] = [];
  for (const [index, line] of lines.entries()) {
    const code = line.product.trim();
    const product =
      products.find((row) => row.barcode === code) ?? products.find((row) => row.sku === code);
    if (!product || !product.active) {
      return fail('product_not_found', `No product with barcode or SKU ${code}`, {
        field: `lines[${index}].product`,
      });
    }
    if (product.currency !== outlet.currency) {
      return invalid(
        `lines[${index}].product`,
        `${product.sku} is priced in ${product.currency}, the outlet sells in ${outlet.currency}`,
      );
    }
    const result = priceLine(
      {
        unitPrice: product.price,
        quantity: line.quantity,
        discount: line.discount ?? 0,
        taxRateBp: product.taxRateBp,
      },
      outlet.pricingMode,
      `lines[${index}]`,
    );
    if (!result.ok) return result;
    priced.push({ product, priced: result.value });
  }
  return ok(priced);
}

export function saleLineRecords(
  saleId: string,
  customerId: string | null,
  lines: PricedSaleLine[],
): SaleLineRecord[] {
  return lines.map(({ product, priced }, index) => ({
    id: newId(),
    saleId,
    lineNo: index + 1,
    customerId,
    productId: product.id,
    sku: product.sku,
    name: product.name,
    category: product.category,
    brand: product.brand,
    size: product.size,
    colour: product.colour,
    quantity: priced.quantity,
    unitPrice: priced.unitPrice,
    discount: priced.discount,
    taxRateBp: priced.taxRateBp,
    tax: priced.tax,
    total: priced.total,
    returnedQuantity: 0,
    originalLineId: null,
  }));
}

/** The request's fingerprint: a retry must be the same sale, not just the same key. */
export function fingerprint(input: unknown): Buffer {
  return sha256(JSON.stringify(input));
}

/**
 * A replay of an idempotency key: the first answer when the request is the same,
 * a conflict when it is not. Null when the key is new.
 */
export async function replayOf(
  db: Db,
  key: string,
  hash: Buffer,
): Promise<Result<SaleView> | null> {
  const existing = await findSaleIdByIdempotencyKey(db, key);
  if (!existing) return null;
  if (!existing.requestHash || !sameDigest(existing.requestHash, hash)) {
    return fail(
      'idempotency_key_reused',
      'This Idempotency-Key was used for a different sale; nothing was changed',
      {
        field: 'Idempotency-Key',
      },
    );
  }
  const [view] = await loadSaleViews(db, [existing.id]);
  return ok(view!);
}

export type PreparedSale = { sale: StoredSale; counterKey: string };

/**
 * Everything up to the write: where, what, how priced, how paid, for whom. An exchange
 * passes the credit from its return, which pays first (as an 'exchange' tender).
 */
export async function prepareSale(
  deps: ServiceDeps,
  actor: Actor,
  input: CompleteSaleInput,
  options: { source: string; requestHash: Buffer; exchange?: { id: string; credit: number } },
): Promise<Result<PreparedSale>> {
  const context = await saleContext(deps, actor, input);
  if (!context.ok) return context;
  const { outlet } = context.value;
  const lines = await priceLines(deps, outlet, input.lines);
  if (!lines.ok) return lines;
  const totals = saleTotals(lines.value.map((line) => line.priced));
  const credit = Math.min(options.exchange?.credit ?? 0, totals.total);
  const tenders = settleTenders(
    totals.total,
    [...(credit > 0 ? [{ kind: 'exchange' as const, amount: credit }] : []), ...input.tenders],
    outlet.currency,
  );
  if (!tenders.ok) return tenders;
  if (input.externalRef) {
    const checked = checkFreeText(input.externalRef, 'externalRef');
    if (!checked.ok) return checked;
  }
  let customerId: string | null = null;
  if (input.customer) {
    const customer = await resolveCustomerReference(deps, input.customer);
    if (!customer.ok) return customer;
    customerId = customer.value.id;
  }
  const saleId = newId();
  return ok({
    counterKey: context.value.counterKey,
    sale: {
      id: saleId,
      kind: 'sale',
      number: '',
      outletId: outlet.id,
      registerId: context.value.registerId,
      staffId: actor.kind === 'staff' ? actor.staffId : null,
      apiKeyId: actor.kind === 'api_key' ? actor.apiKeyId : null,
      customerId,
      currency: outlet.currency,
      pricingMode: outlet.pricingMode,
      ...totals,
      originalSaleId: null,
      exchangeId: options.exchange?.id ?? null,
      reason: null,
      approvedByStaffId: null,
      source: options.source,
      externalRef: input.externalRef ?? null,
      idempotencyKey: input.idempotencyKey,
      requestHash: options.requestHash,
      completedAt: input.completedAt ?? deps.now(),
      lines: saleLineRecords(saleId, customerId, lines.value),
      tenders: tenders.value.map((tender, position) => ({
        id: newId(),
        saleId,
        position,
        kind: tender.kind,
        amount: tender.amount,
        received: tender.kind === 'cash' ? tender.received : null,
        change: tender.kind === 'cash' ? tender.change : null,
        reference: tender.kind === 'card' ? tender.reference : null,
        refundOfSaleId: null,
      })),
    },
  });
}

/** Draws the sale's number and writes it, inside the caller's transaction. */
export async function writePreparedSale(trx: Db, prepared: PreparedSale): Promise<string> {
  const sequence = await nextSaleNumber(trx, prepared.counterKey);
  await insertSale(trx, { ...prepared.sale, number: saleNumberOf(prepared.counterKey, sequence) });
  return prepared.sale.id;
}

/**
 * Completes a sale: prices the lines by the outlet's rules, settles the tenders, and
 * writes sale, lines and tenders in one transaction under the caller's idempotency
 * key. A retry returns the sale already made.
 */
export async function completeSale(
  deps: ServiceDeps,
  actor: Actor,
  input: CompleteSaleInput,
  source = 'till',
): Promise<Result<SaleView>> {
  const hash = fingerprint({
    ...input,
    idempotencyKey: undefined,
    completedAt: input.completedAt?.toISOString(),
  });
  const replay = await replayOf(deps.db, input.idempotencyKey, hash);
  if (replay) return replay;
  const prepared = await prepareSale(deps, actor, input, { source, requestHash: hash });
  if (!prepared.ok) return prepared;
  try {
    await inTransaction(deps.db, async (trx) => ok(await writePreparedSale(trx, prepared.value)));
  } catch (error) {
    // Two identical requests raced: the loser answers with the winner's sale.
    if (isUniqueViolation(error)) {
      const raced = await replayOf(deps.db, input.idempotencyKey, hash);
      if (raced) return raced;
    }
    throw error;
  }
  const [view] = await loadSaleViews(deps.db, [prepared.value.sale.id]);
  return ok(view!);
}
