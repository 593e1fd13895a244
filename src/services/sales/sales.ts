import { planSale, type ProductLineRequest, type SaleLineRequest } from '../../domain/sale-plan.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import type { Db } from '../../store/database.ts';
import { newId } from '../../store/ids.ts';
import { findSaleIdByIdempotencyKey } from '../../store/sales.ts';
import { inTransaction, isUniqueViolation } from '../../store/transaction.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import type { CustomerReference } from '../customers/customer-reference.ts';
import { countSale } from '../platform/metrics.ts';
import { sameDigest, sha256 } from '../platform/secrets.ts';
import type { TenderRequest } from '../stored-value/stored-value-sale.ts';
import { loadSaleFacts } from './sale-facts.ts';
import { loadSaleViews, type SaleView } from './sale-view.ts';
import { writePreparedSale, type PreparedSale } from './sale-write.ts';

export { saleContext, saleNumberOf, type SaleContext } from './sale-place.ts';
export { writePreparedSale, type PreparedSale } from './sale-write.ts';
/** A product by barcode or SKU, or stored value sold (a gift card, store credit). */
export type ProductLineInput = ProductLineRequest;
export type SaleLineInput = SaleLineRequest;

export type CompleteSaleInput = {
  /** Required for callers without a till session (back office, API keys). */
  outletId?: string;
  registerId?: string;
  customer?: CustomerReference | null;
  lines: SaleLineInput[];
  tenders: TenderRequest[];
  idempotencyKey: string;
  /** Only imports and integrations may say when a sale happened; the till is "now". */
  completedAt?: Date;
  externalRef?: string;
  /** A loyalty reward the customer redeems on this sale. */
  rewardId?: string;
};

/** What a sale needs to be priced: everything but how it is paid and its key. */
export type SalePricingInput = Omit<CompleteSaleInput, 'tenders' | 'idempotencyKey'>;

/** The request's fingerprint: a retry must be the same sale, not just the same key. */
export function fingerprint(input: unknown): Buffer {
  return sha256(JSON.stringify(input));
}

/**
 * A replay of an idempotency key: the first answer when the request is the same,
 * a conflict when it is not. Null when the key is new.
 */
export async function replayOf({
  db,
  key,
  hash,
}: {
  db: Db;
  key: string;
  hash: Buffer;
}): Promise<Result<SaleView> | null> {
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

/**
 * A sale read and decided, not yet written: its facts are loaded in one go, the domain
 * decides the whole sale from them (lines, loyalty, stored value, payment), and what is
 * left is to write it. An exchange passes the credit from its return, which pays first.
 */
export async function prepareSale({
  deps,
  actor,
  input,
  options,
}: {
  deps: ServiceDeps;
  actor: Actor;
  input: CompleteSaleInput;
  options: { source: string; requestHash: Buffer; exchange?: { id: string; credit: number } };
}): Promise<Result<PreparedSale>> {
  const loaded = await loadSaleFacts({ deps, actor, input });
  if (!loaded.ok) return loaded;
  const { place, facts } = loaded.value;
  const plan = planSale(facts, { ...input, exchangeCredit: options.exchange?.credit ?? 0 });
  if (!plan.ok) return plan;
  return ok({
    place,
    plan: plan.value,
    origin: {
      saleId: newId(),
      staffId: actor.kind === 'staff' ? actor.staffId : null,
      apiKeyId: actor.kind === 'api_key' ? actor.apiKeyId : null,
      source: options.source,
      externalRef: input.externalRef ?? null,
      idempotencyKey: input.idempotencyKey,
      requestHash: options.requestHash,
      exchangeId: options.exchange?.id ?? null,
    },
  });
}

/**
 * Completes a sale, top to bottom: a retry answers with the sale already made; the facts
 * are read and the domain decides the sale; it is written in one transaction under the
 * caller's idempotency key (two identical requests racing get the winner's sale).
 */
export async function completeSale({
  deps,
  actor,
  input,
  source = 'till',
}: {
  deps: ServiceDeps;
  actor: Actor;
  input: CompleteSaleInput;
  source?: string;
}): Promise<Result<SaleView>> {
  const hash = fingerprint({
    ...input,
    idempotencyKey: undefined,
    completedAt: input.completedAt?.toISOString(),
  });
  const replay = await replayOf({ db: deps.db, key: input.idempotencyKey, hash });
  if (replay) return replay;
  const prepared = await prepareSale({
    deps,
    actor,
    input,
    options: { source, requestHash: hash },
  });
  if (!prepared.ok) return prepared;
  try {
    const written = await inTransaction(deps.db, (trx) =>
      writePreparedSale({ trx, actor, prepared: prepared.value }),
    );
    if (!written.ok) return written;
  } catch (error) {
    // Two identical requests raced: the loser answers with the winner's sale.
    if (isUniqueViolation(error)) {
      const raced = await replayOf({ db: deps.db, key: input.idempotencyKey, hash });
      if (raced) return raced;
    }
    throw error;
  }
  countSale(source === 'api' ? 'api' : 'till');
  const [view] = await loadSaleViews(deps.db, [prepared.value.origin.saleId]);
  return ok(view!);
}
