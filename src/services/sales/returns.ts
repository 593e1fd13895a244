import { negate } from '../../domain/units.ts';
import { formatAmount } from '../../domain/money.ts';
import { fail, invalid, ok, type Result } from '../../domain/result.ts';
import { allocateRefund } from '../../domain/returns.ts';
import { checkFreeText } from '../../domain/tenders.ts';
import type { Db } from '../../store/database.ts';
import { newId } from '../../store/ids.ts';
import {
  addReturnedQuantity,
  insertSale,
  selectSaleLines,
  nextSaleNumber,
  selectRefundedByTender,
  selectSalesByIds,
  type StoredSale,
  withoutLoyalty,
} from '../../store/sales.ts';
import { inTransaction, isUniqueViolation } from '../../store/transaction.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { fingerprint, replayOf, saleContext, saleNumberOf, type SaleContext } from './sales.ts';
import { loadSaleViews, type SaleView } from './sale-view.ts';
import { requireApproval } from '../staff/approvals.ts';
import { keepExchangeCredit, returnLines, returnTotals } from './return-lines.ts';
import { applyLedgerActions } from '../stored-value/stored-value-sale.ts';
import {
  redirectRefund,
  refundActions,
  refundExpiries,
  resolveRefundDestination,
  type RefundDestination,
  type RefundExpiries,
  type ResolvedDestination,
} from '../stored-value/stored-value-refunds.ts';
import { ensureStoreCreditAccount } from '../../store/store-credit.ts';
import type { LoyaltyRules } from '../../domain/loyalty-rules.ts';
import { rulesAt } from '../loyalty/loyalty-program.ts';
import { pointsOfReturnedLines } from '../../domain/loyalty-returns.ts';
import { writeReturnLoyalty } from '../loyalty/loyalty-returns.ts';
import { countRefund } from '../platform/metrics.ts';

export type ReturnInput = {
  outletId?: string;
  registerId?: string;
  /** Lines of earlier sales, from a scanned receipt or picked from the customer's history. */
  lines: { saleLineId: string; quantity: number }[];
  /** True when the receipt was scanned; without one, large refunds need a supervisor. */
  withReceipt: boolean;
  reason: string;
  /** A supervisor's username and PIN, typed at the till, when approval is needed. */
  approval?: { username: string; pin: string };
  /** Back the way it was paid (the default), or all of it to store credit or a gift card. */
  refundTo?: RefundDestination;
  idempotencyKey: string;
};

type Approval = { approvedByStaffId: string | null };

async function checkApproval(
  deps: ServiceDeps,
  actor: Actor,
  context: SaleContext,
  input: ReturnInput,
  refund: number,
): Promise<Result<Approval>> {
  if (input.withReceipt || refund <= context.outlet.noReceiptReturnLimit)
    return ok({ approvedByStaffId: null });
  const limit = context.outlet.noReceiptReturnLimit;
  return requireApproval({
    deps,
    actor,
    permission: 'return.approve',
    approval: input.approval,
    need: {
      message: `A return without a receipt over ${formatAmount(limit, context.outlet.currency)} ${context.outlet.currency} needs a supervisor's approval`,
      action: 'return',
      details: { limit },
      audit: { refund },
    },
  });
}

function validateReturnInput(input: ReturnInput): Result<string> {
  if (input.lines.length === 0) return invalid('lines', 'pick at least one line to return');
  const ids = input.lines.map((line) => line.saleLineId);
  if (new Set(ids).size !== ids.length) return invalid('lines', 'each line may be named once');
  const reason = input.reason.trim();
  if (reason === '' || reason.length > 200)
    return invalid('reason', 'reason must say why (1–200 characters)');
  return checkFreeText(reason, 'reason');
}

/**
 * Takes items back against the lines they were sold on. The sold lines are locked and
 * their returned count raised by a guarded update in the same transaction, so two
 * registers returning the same line can never return more than was sold between them.
 * The refund goes back to the original tenders (card first).
 */
export type PreparedReturn = {
  input: ReturnInput;
  context: SaleContext;
  returnId: string;
  hash: Buffer;
  reason: string;
  source: string;
  approvedByStaffId: string | null;
  /** The refund as it stands before the lines are locked (it can only shrink). */
  refund: number;
  /** Set for the return half of an exchange: this much stays as credit for the sale half. */
  exchange?: { id: string; credit: number };
  destination: ResolvedDestination;
  expiries: RefundExpiries;
  /** The loyalty rules in force now (whether a balance may go negative, expiry). */
  loyalty: { version: number | null; rules: LoyaltyRules };
  completedAt: Date;
};

/**
 * Everything up to the write. Approval is settled here, before the transaction (a PIN
 * check takes a moment, and a refused approval must stay in the audit log).
 */
export async function prepareReturn({
  deps,
  actor,
  input,
  options,
}: {
  deps: ServiceDeps;
  actor: Actor;
  input: ReturnInput;
  options: { source: string; hash: Buffer };
}): Promise<Result<PreparedReturn>> {
  const reason = validateReturnInput(input);
  if (!reason.ok) return reason;
  const context = await saleContext({ deps, actor, input });
  if (!context.ok) return context;
  const returnId = newId();
  const originals = await selectSaleLines(
    deps.db,
    input.lines.map((line) => line.saleLineId),
  );
  const preview = returnLines({ returnId, originals, input });
  if (!preview.ok) return preview;
  const refund = -preview.value.reduce((sum, line) => sum + line.total, 0);
  const approval = await checkApproval(deps, actor, context.value, input, refund);
  if (!approval.ok) return approval;
  const destination = await resolveRefundDestination({
    deps,
    destination: input.refundTo,
    currency: context.value.outlet.currency,
  });
  if (!destination.ok) return destination;
  return ok({
    destination: destination.value,
    expiries: await refundExpiries(deps),
    loyalty: await rulesAt(deps.db, deps.now()),
    input,
    context: context.value,
    returnId,
    hash: options.hash,
    reason: reason.value,
    source: options.source,
    approvedByStaffId: approval.value.approvedByStaffId,
    refund,
    completedAt: deps.now(),
  });
}

/**
 * Takes items back against the lines they were sold on. The sold lines are locked and
 * their returned count raised by a guarded update in the same transaction, so two
 * registers returning the same line can never return more than was sold between them.
 * The refund goes back to the original tenders (card first).
 */
export async function returnItems({
  deps,
  actor,
  input,
  source = 'till',
}: {
  deps: ServiceDeps;
  actor: Actor;
  input: ReturnInput;
  source?: string;
}): Promise<Result<SaleView>> {
  const hash = fingerprint({
    ...input,
    idempotencyKey: undefined,
    approval: input.approval?.username,
  });
  const replay = await replayOf({ db: deps.db, key: input.idempotencyKey, hash });
  if (replay) return replay;
  const prepared = await prepareReturn({ deps, actor, input, options: { source, hash } });
  if (!prepared.ok) return prepared;
  try {
    const written = await inTransaction(deps.db, async (trx) =>
      writeReturn({ trx, actor, job: prepared.value }),
    );
    if (!written.ok) return written;
  } catch (error) {
    if (isUniqueViolation(error)) {
      const raced = await replayOf({ db: deps.db, key: input.idempotencyKey, hash });
      if (raced) return raced;
    }
    throw error;
  }
  countRefund('return');
  const [view] = await loadSaleViews(deps.db, [prepared.value.returnId]);
  return ok(view!);
}

export async function writeReturn({
  trx,
  actor,
  job,
}: {
  trx: Db;
  actor: Actor;
  job: PreparedReturn;
}): Promise<Result<string>> {
  const { input, context, returnId } = job;
  const originals = await selectSaleLines(
    trx,
    input.lines.map((line) => line.saleLineId),
    { lock: true },
  );
  const saleIds = [...new Set(originals.map((line) => line.saleId))];
  const sales = await selectSalesByIds(trx, saleIds);
  if (sales.some((sale) => sale.kind !== 'sale' || sale.currency !== context.outlet.currency)) {
    return invalid(
      'lines',
      `only lines of sales in ${context.outlet.currency} can be returned here`,
    );
  }
  const customers = new Set(sales.map((sale) => sale.customerId));
  if (customers.size > 1)
    return invalid('lines', 'the lines belong to different customers; return them separately');
  if (input.withReceipt && saleIds.length > 1) return invalid('lines', 'a receipt covers one sale');
  const priced = returnLines({ returnId, originals, input });
  if (!priced.ok) return priced;
  const points = pointsOfReturnedLines(originals, priced.value);
  const lines = { ok: true as const, value: points.lines };
  const refund = -lines.value.reduce((sum, line) => sum + line.total, 0);
  for (const line of lines.value) {
    if (!(await addReturnedQuantity(trx, line.originalLineId!, -line.quantity))) {
      return fail('return_exceeds_sold', 'Those units have already been returned', {
        field: 'lines',
      });
    }
  }
  const refundedBefore = await selectRefundedByTender(trx, saleIds);
  const tenders: StoredSale['tenders'] = [];
  for (const sale of sales) {
    const saleRefund = -lines.value
      .filter((line) => sale.lines.some((original) => original.id === line.originalLineId))
      .reduce((sum, line) => sum + line.total, 0);
    const parts = allocateRefund(
      saleRefund,
      sale.tenders.map((tender) => {
        // Credit from an earlier exchange is given back as cash.
        const kind = tender.kind === 'exchange' ? 'cash' : tender.kind;
        const key = tender.giftCardId ?? tender.storeCreditAccountId ?? tender.reference ?? '';
        const before = refundedBefore.find(
          (r) => r.saleId === sale.id && r.kind === kind && r.tenderKey === key,
        );
        return {
          kind,
          paid: tender.amount,
          refunded: before?.refunded ?? 0,
          reference: tender.reference,
          giftCardId: tender.giftCardId,
          accountId: tender.storeCreditAccountId,
        };
      }),
    );
    for (const part of parts) {
      tenders.push({
        id: newId(),
        saleId: returnId,
        position: tenders.length,
        kind: part.kind,
        amount: -part.amount,
        received: null,
        change: null,
        reference: part.reference,
        refundOfSaleId: sale.id,
        giftCardId: part.giftCardId,
        storeCreditAccountId: part.accountId,
      });
    }
  }
  const customerId = sales[0]?.customerId ?? null;
  if (job.destination.kind === 'store_credit' && !customerId) {
    return invalid('refundTo', 'store credit needs a customer: attach one to the sale first');
  }
  const account =
    job.destination.kind === 'store_credit'
      ? await ensureStoreCreditAccount(trx, customerId!, context.outlet.currency)
      : null;
  const finalTenders = redirectRefund({
    tenders: job.exchange
      ? keepExchangeCredit(tenders, Math.min(job.exchange.credit, refund))
      : tenders,
    destination: job.destination,
    storeCreditAccountId: account?.id ?? null,
  });
  const sequence = await nextSaleNumber(trx, context.counterKey);
  await insertSale(trx, {
    id: returnId,
    kind: 'return',
    number: saleNumberOf(context.counterKey, sequence),
    outletId: context.outlet.id,
    registerId: context.registerId,
    staffId: actor.kind === 'staff' ? actor.staffId : null,
    apiKeyId: actor.kind === 'api_key' ? actor.apiKeyId : null,
    customerId,
    currency: context.outlet.currency,
    pricingMode: context.outlet.pricingMode,
    ...withoutLoyalty,
    ...returnTotals(lines.value, sales),
    originalSaleId: saleIds.length === 1 ? saleIds[0]! : null,
    exchangeId: job.exchange?.id ?? null,
    reason: job.reason,
    approvedByStaffId: job.approvedByStaffId,
    source: job.source,
    externalRef: null,
    idempotencyKey: input.idempotencyKey,
    requestHash: job.hash,
    completedAt: job.completedAt,
    liabilityTotal: 0,
    voidedAt: null,
    pointsEarned: negate(points.earnedBack),
    pointsRedeemed: negate(points.redeemedBack),
    lines: lines.value.map((line) => ({ ...line, customerId })),
    tenders: finalTenders,
  });
  const actions = await refundActions({
    trx,
    expiries: job.expiries,
    tenders: finalTenders,
    refund: {
      customerId,
      currency: context.outlet.currency,
      originalSaleIds: saleIds,
      redirected: job.destination.kind !== 'original',
    },
  });
  if (!actions.ok) return actions;
  const applied = await applyLedgerActions({
    trx,
    actions: actions.value,
    context: {
      actor,
      outletId: context.outlet.id,
      saleId: returnId,
      reason: job.reason,
      approvedByStaffId: job.approvedByStaffId,
      requestHash: null,
      at: job.completedAt,
      keyPrefix: input.idempotencyKey,
    },
  });
  if (!applied.ok) return applied;
  const loyalty = await writeReturnLoyalty({
    trx,
    actor,
    job: {
      customerId,
      earnedBack: points.earnedBack,
      redeemedBack: points.redeemedBack,
      rules: job.loyalty.rules,
      ruleVersion: job.loyalty.version,
      saleId: returnId,
      originalSaleIds: saleIds,
      keyPrefix: input.idempotencyKey,
      at: job.completedAt,
    },
  });
  if (!loyalty.ok) return loyalty;
  // Money out without a receipt is logged every time, under the limit (no approval) too.
  if (!input.withReceipt) {
    await recordAudit({
      db: trx,
      actor,
      entry: {
        action: 'return.no_receipt',
        subjectType: 'sale',
        subjectId: returnId,
        detail: {
          refund,
          approvedByStaffId: job.approvedByStaffId,
          originalSaleId: saleIds.length === 1 ? saleIds[0]! : null,
        },
      },
    });
  }
  return ok(returnId);
}
