import { ok, type Result } from '../../domain/result.ts';
import { newId } from '../../store/ids.ts';
import {
  findSaleIdByIdempotencyKey,
  selectSaleLines,
  selectSalesByIds,
} from '../../store/sales.ts';
import { inTransaction, isUniqueViolation } from '../../store/transaction.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import type { CustomerReference } from '../customers/customer-reference.ts';
import { prepareReturn, writeReturn, type ReturnInput } from './returns.ts';
import { loadSaleViews, type SaleView } from './sale-view.ts';
import {
  fingerprint,
  prepareSale,
  replayOf,
  writePreparedSale,
  type SaleLineInput,
} from './sales.ts';
import type { TenderRequest } from '../stored-value/stored-value-sale.ts';
import { countRefund, countSale } from '../platform/metrics.ts';

export type ExchangeInput = {
  outletId?: string;
  registerId?: string;
  return: Omit<ReturnInput, 'idempotencyKey' | 'outletId' | 'registerId'>;
  sale: { lines: SaleLineInput[]; tenders: TenderRequest[]; customer?: CustomerReference | null };
  idempotencyKey: string;
};

export type ExchangeView = { return: SaleView; sale: SaleView };

async function exchangeViews(deps: ServiceDeps, saleId: string): Promise<ExchangeView> {
  const [sale] = await loadSaleViews(deps.db, [saleId]);
  const returnId = await findSaleIdByIdempotencyKey(deps.db, `${sale!.exchangeId}:return`);
  const [returned] = await loadSaleViews(deps.db, [returnId!.id]);
  return { return: returned!, sale: sale! };
}

/**
 * An exchange is a return and a new sale in one step and one transaction: the refund
 * pays for the new items first (an 'exchange' tender on both halves); the customer pays
 * the difference, or gets back what the new items do not use, to the original tenders.
 */
export async function exchangeItems({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps;
  actor: Actor;
  input: ExchangeInput;
}): Promise<Result<ExchangeView>> {
  const hash = fingerprint({
    ...input,
    idempotencyKey: undefined,
    approval: input.return.approval?.username,
  });
  const replay = await replayOf({ db: deps.db, key: input.idempotencyKey, hash });
  if (replay) return replay.ok ? ok(await exchangeViews(deps, replay.value.id)) : replay;
  const exchangeId = newId();
  const returnHalf = await prepareReturn({
    deps,
    actor,
    input: {
      ...input.return,
      outletId: input.outletId,
      registerId: input.registerId,
      idempotencyKey: `${exchangeId}:return`,
    },
    options: { source: 'till', hash },
  });
  if (!returnHalf.ok) return returnHalf;
  // The new items belong to whoever the returned ones did, unless the till says otherwise.
  const [firstLine] = await selectSaleLines(
    deps.db,
    input.return.lines.slice(0, 1).map((line) => line.saleLineId),
  );
  const [original] = firstLine ? await selectSalesByIds(deps.db, [firstLine.saleId]) : [];
  const customer =
    input.sale.customer ?? (original?.customerId ? { id: original.customerId } : null);
  const saleHalf = await prepareSale({
    deps,
    actor,
    input: {
      ...input.sale,
      customer,
      outletId: input.outletId,
      registerId: input.registerId,
      idempotencyKey: input.idempotencyKey,
    },
    options: {
      source: 'till',
      requestHash: hash,
      exchange: { id: exchangeId, credit: returnHalf.value.refund },
    },
  });
  if (!saleHalf.ok) return saleHalf;
  try {
    const written = await inTransaction(deps.db, async (trx) => {
      const returned = await writeReturn({
        trx,
        actor,
        job: {
          ...returnHalf.value,
          exchange: { id: exchangeId, credit: saleHalf.value.plan.totals.total },
        },
      });
      if (!returned.ok) return returned;
      return writePreparedSale({ trx, actor, prepared: saleHalf.value });
    });
    if (!written.ok) return written;
  } catch (error) {
    if (isUniqueViolation(error)) {
      const raced = await replayOf({ db: deps.db, key: input.idempotencyKey, hash });
      if (raced) return raced.ok ? ok(await exchangeViews(deps, raced.value.id)) : raced;
    }
    throw error;
  }
  countRefund('exchange');
  countSale('exchange');
  return ok(await exchangeViews(deps, saleHalf.value.origin.saleId));
}
