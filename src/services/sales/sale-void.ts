import { minor, negate } from '../../domain/units.ts';
import { fail, invalid, ok, type Result } from '../../domain/result.ts';
import { checkVoidable } from '../../domain/sale-void.ts';
import { checkFreeText } from '../../domain/tenders.ts';
import type { Db } from '../../store/database.ts';
import { selectGiftCardActivitiesOfSales, selectGiftCardsByIds } from '../../store/gift-cards.ts';
import { newId } from '../../store/ids.ts';
import {
  addReturnedQuantity,
  insertSale,
  markSaleVoided,
  nextSaleNumber,
  selectSalesByIds,
  type StoredSale,
} from '../../store/sales.ts';
import { inTransaction, isUniqueViolation } from '../../store/transaction.ts';
import { requireApproval, type ApprovalInput } from '../staff/approvals.ts';
import { recordAudit } from '../platform/audit.ts';
import type { LoyaltyRules } from '../../domain/loyalty-rules.ts';
import { rulesAt } from '../loyalty/loyalty-program.ts';
import { writeReturnLoyalty } from '../loyalty/loyalty-returns.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { loadSaleViews, type SaleView } from './sale-view.ts';
import { fingerprint, replayOf, saleContext, saleNumberOf, type SaleContext } from './sales.ts';
import {
  refundActions,
  refundExpiries,
  type RefundExpiries,
} from '../stored-value/stored-value-refunds.ts';
import { applyLedgerActions, type LedgerAction } from '../stored-value/stored-value-sale.ts';
import { countRefund } from '../platform/metrics.ts';

export type VoidInput = { reason: string; approval?: ApprovalInput; idempotencyKey: string };

/**
 * Cancels a completed sale as if it never happened: every line comes back, every tender
 * is reversed exactly (gift cards and store credit restored, cash and card refunded), and
 * gift cards or store credit it sold are taken back — refused if any of that value has
 * been spent since. One transaction; a supervisor (or their PIN) is needed.
 */
export async function voidSale({
  deps,
  actor,
  saleId,
  input,
}: {
  deps: ServiceDeps;
  actor: Actor;
  saleId: string;
  input: VoidInput;
}): Promise<Result<SaleView>> {
  const hash = fingerprint({ saleId, reason: input.reason, approval: input.approval?.username });
  const replay = await replayOf({ db: deps.db, key: input.idempotencyKey, hash });
  if (replay) return replay;
  const reason = input.reason.trim();
  if (reason === '' || reason.length > 200) {
    return invalid('reason', 'reason must say why (1–200 characters)');
  }
  const checkedReason = checkFreeText(reason, 'reason');
  if (!checkedReason.ok) return checkedReason;
  const [found] = await selectSalesByIds(deps.db, [saleId]);
  const sale = checkVoidable(found);
  if (!sale.ok) return sale;
  const context = await saleContext({ deps, actor, input: { outletId: sale.value.outletId } });
  if (!context.ok) return context;
  const approval = await requireApproval({
    deps,
    actor,
    permission: 'sale.void',
    approval: input.approval,
    need: {
      message: "Voiding a sale needs a supervisor's approval",
      action: 'sale.void',
      audit: { saleId },
    },
  });
  if (!approval.ok) return approval;
  const job = {
    sale: sale.value,
    context: context.value,
    voidId: newId(),
    reason,
    hash,
    approvedByStaffId: approval.value.approvedByStaffId,
    expiries: await refundExpiries(deps),
    loyalty: await rulesAt(deps.db, deps.now()),
    at: deps.now(),
    idempotencyKey: input.idempotencyKey,
  };
  try {
    const written = await inTransaction(deps.db, (trx) => writeVoid(trx, actor, job));
    if (!written.ok) return written;
  } catch (error) {
    if (isUniqueViolation(error)) {
      const raced = await replayOf({ db: deps.db, key: input.idempotencyKey, hash });
      if (raced) return raced;
    }
    throw error;
  }
  countRefund('void');
  const [view] = await loadSaleViews(deps.db, [job.voidId]);
  return ok(view!);
}

type VoidJob = {
  sale: StoredSale;
  context: SaleContext;
  voidId: string;
  reason: string;
  hash: Buffer;
  approvedByStaffId: string | null;
  expiries: RefundExpiries;
  loyalty: { version: number | null; rules: LoyaltyRules };
  at: Date;
  idempotencyKey: string;
};

async function writeVoid(trx: Db, actor: Actor, job: VoidJob): Promise<Result<string>> {
  const { sale, voidId } = job;
  if (!(await markSaleVoided(trx, sale.id, voidId, job.at))) {
    return fail('sale_not_voidable', 'This sale has already been voided');
  }
  for (const line of sale.lines) {
    // The same guard returns use: a return racing the void cannot also take these units.
    if (!(await addReturnedQuantity(trx, line.id, line.quantity))) {
      return fail('sale_not_voidable', 'Items of this sale were returned meanwhile');
    }
  }
  const sequence = await nextSaleNumber(trx, job.context.counterKey);
  const tenders = sale.tenders.map((tender) => ({
    ...tender,
    id: newId(),
    saleId: voidId,
    amount: -tender.amount,
    received: null,
    change: null,
    refundOfSaleId: sale.id,
  }));
  await insertSale(trx, {
    ...sale,
    id: voidId,
    kind: 'return',
    number: saleNumberOf(job.context.counterKey, sequence),
    registerId: job.context.registerId,
    staffId: actor.kind === 'staff' ? actor.staffId : null,
    apiKeyId: actor.kind === 'api_key' ? actor.apiKeyId : null,
    subtotal: -sale.subtotal,
    discountTotal: -sale.discountTotal,
    taxTotal: -sale.taxTotal,
    total: -sale.total,
    liabilityTotal: -sale.liabilityTotal,
    groupDiscountTotal: -sale.groupDiscountTotal,
    rewardDiscountTotal: -sale.rewardDiscountTotal,
    pointsEarned: negate(sale.pointsEarned),
    pointsRedeemed: negate(sale.pointsRedeemed),
    originalSaleId: sale.id,
    exchangeId: null,
    reason: job.reason,
    approvedByStaffId: job.approvedByStaffId,
    source: 'void',
    externalRef: null,
    idempotencyKey: job.idempotencyKey,
    requestHash: job.hash,
    completedAt: job.at,
    voidedAt: null,
    lines: sale.lines.map((line) => ({
      ...line,
      id: newId(),
      saleId: voidId,
      quantity: -line.quantity,
      discount: -line.discount,
      tax: -line.tax,
      total: -line.total,
      returnedQuantity: 0,
      originalLineId: line.id,
      pointsEarned: negate(line.pointsEarned),
      pointsRedeemed: negate(line.pointsRedeemed),
      groupDiscount: -line.groupDiscount,
      rewardDiscount: -line.rewardDiscount,
    })),
    tenders,
  });
  const refunds = await refundActions({
    trx,
    expiries: job.expiries,
    tenders,
    refund: {
      customerId: sale.customerId,
      currency: sale.currency,
      originalSaleIds: [sale.id],
      redirected: false,
    },
  });
  if (!refunds.ok) return refunds;
  const applied = await applyLedgerActions({
    trx,
    actions: [...refunds.value, ...(await takeBackSoldValue(trx, sale))],
    context: {
      actor,
      outletId: job.context.outlet.id,
      saleId: voidId,
      reason: job.reason,
      approvedByStaffId: job.approvedByStaffId,
      requestHash: null,
      at: job.at,
      keyPrefix: job.idempotencyKey,
    },
  });
  if (!applied.ok) return applied;
  const points = await writeReturnLoyalty({
    trx,
    actor,
    job: {
      customerId: sale.customerId,
      earnedBack: sale.pointsEarned,
      redeemedBack: sale.pointsRedeemed,
      rules: job.loyalty.rules,
      ruleVersion: job.loyalty.version,
      saleId: voidId,
      originalSaleIds: [sale.id],
      keyPrefix: job.idempotencyKey,
      at: job.at,
    },
  });
  if (!points.ok) return points;
  await recordAudit({
    db: trx,
    actor,
    entry: {
      action: 'sale.voided',
      subjectType: 'sale',
      subjectId: sale.id,
      detail: { voidId, total: sale.total, approvedByStaffId: job.approvedByStaffId },
    },
  });
  return ok(voidId);
}

/**
 * Gift cards the sale activated are deactivated (only while they still hold exactly
 * what was loaded); top-ups and store credit sold are taken back by guarded debits.
 */
async function takeBackSoldValue(trx: Db, sale: StoredSale): Promise<LedgerAction[]> {
  const activities = await selectGiftCardActivitiesOfSales(trx, [sale.id]);
  const cards = await selectGiftCardsByIds(
    trx,
    sale.lines.flatMap((line) => (line.giftCardId ? [line.giftCardId] : [])),
  );
  const actions: LedgerAction[] = [];
  for (const line of sale.lines) {
    const keySuffix = `line:${line.lineNo}`;
    if (line.kind === 'store_credit' && sale.customerId) {
      actions.push({
        kind: 'store_credit',
        customerId: sale.customerId,
        currency: sale.currency,
        entryKind: 'REVERSE',
        amount: minor(-line.total),
        expiresAt: null,
        keySuffix,
      });
    }
    const card = cards.find((candidate) => candidate.id === line.giftCardId);
    if (line.kind !== 'gift_card' || !card) continue;
    const activated = activities.some(
      (entry) => entry.giftCardId === card.id && entry.kind === 'ACTIVATE',
    );
    actions.push(
      activated
        ? {
            kind: 'gift_card',
            card,
            create: false,
            operation: { kind: 'DEACTIVATE' },
            keySuffix,
            expectedBalance: minor(line.total),
          }
        : {
            kind: 'gift_card',
            card,
            create: false,
            operation: { kind: 'ADJUST_DECREMENT', amount: minor(line.total) },
            keySuffix,
          },
    );
  }
  return actions;
}
