import type { Minor } from '../../domain/units.ts';
import {
  planGiftCardChange,
  type GiftCardOperation,
  type GiftCardState,
} from '../../domain/gift-cards.ts';
import { formatAmount } from '../../domain/money.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import type { Db } from '../../store/database.ts';
import {
  applyGiftCardChange,
  selectGiftCardsByIds,
  type GiftCardActivityRecord,
  type GiftCardRecord,
} from '../../store/gift-cards.ts';
import { newId } from '../../store/ids.ts';
import { systemActor, type Actor } from '../platform/context.ts';

/** Who, where, why and under which key a ledger change is made. */
export type LedgerContext = {
  actor: Actor;
  outletId: string | null;
  saleId: string | null;
  reason: string | null;
  approvedByStaffId: string | null;
  idempotencyKey: string;
  requestHash: Buffer | null;
  at: Date;
};

/** The context of a change the system makes on its own (expiry, merges). */
export function systemLedgerContext({
  reason,
  idempotencyKey,
  at,
}: {
  reason: string;
  idempotencyKey: string;
  at: Date;
}): LedgerContext {
  return {
    actor: systemActor,
    outletId: null,
    saleId: null,
    reason,
    approvedByStaffId: null,
    idempotencyKey,
    requestHash: null,
    at,
  };
}

const moneyMovesThatMustNotBeExpired = new Set(['LOAD', 'REDEEM', 'REFUND']);

/**
 * Applies one operation to a gift card inside the caller's transaction: plans it by the
 * card's rules, applies it with a guarded update, and appends the activity with the
 * balance the update returned. If a concurrent change got there first the card is
 * re-read and the plan made again, so the answer (or the refusal) is always about the
 * card as it really is.
 */
export async function changeGiftCard({
  trx,
  card,
  operation,
  context,
  options = {},
}: {
  trx: Db;
  card: GiftCardRecord;
  operation: GiftCardOperation;
  context: LedgerContext;
  options?: { expectedBalance?: Minor; customerId?: string | null };
}): Promise<Result<{ card: GiftCardRecord; activity: GiftCardActivityRecord }>> {
  const label = (minor: number) => `${formatAmount(minor, card.currency)} ${card.currency}`;
  let current = card;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const plan = planGiftCardChange(current, operation, context.at, label);
    if (!plan.ok) return plan;
    if (options.expectedBalance !== undefined && current.balance !== options.expectedBalance) {
      return fail(
        'sale_not_voidable',
        `Gift card •••• ${card.number.slice(-4)} has been used since`,
      );
    }
    const activation =
      operation.kind === 'ACTIVATE' || operation.kind === 'IMPORT'
        ? { at: context.at, expiresAt: operation.expiresAt, outletId: context.outletId }
        : undefined;
    const activity: Omit<GiftCardActivityRecord, 'balanceAfter'> = {
      id: newId(),
      giftCardId: card.id,
      kind: plan.value.kind,
      amount: plan.value.amount,
      stateAfter: plan.value.stateAfter,
      saleId: context.saleId,
      outletId: context.outletId,
      staffId: context.actor.kind === 'staff' ? context.actor.staffId : null,
      apiKeyId: context.actor.kind === 'api_key' ? context.actor.apiKeyId : null,
      approvedByStaffId: context.approvedByStaffId,
      reason: context.reason,
      idempotencyKey: context.idempotencyKey,
      requestHash: context.requestHash,
      createdAt: context.at,
    };
    const applied = await applyGiftCardChange(
      trx,
      {
        cardId: card.id,
        amount: plan.value.amount,
        expectedState: plan.value.expectedState,
        stateAfter: plan.value.stateAfter,
        ...(moneyMovesThatMustNotBeExpired.has(operation.kind) ? { unexpiredAt: context.at } : {}),
        ...(options.expectedBalance !== undefined
          ? { expectedBalance: options.expectedBalance }
          : {}),
        ...(activation ? { activation } : {}),
        ...(options.customerId ? { customerId: options.customerId } : {}),
        at: context.at,
      },
      activity,
    );
    if (applied) {
      const updated: GiftCardRecord = {
        ...current,
        balance: applied.balance,
        state: plan.value.stateAfter as GiftCardState,
        ...(activation
          ? {
              activatedAt: activation.at,
              expiresAt: activation.expiresAt,
              issuedOutletId: activation.outletId,
            }
          : {}),
        ...(options.customerId ? { customerId: options.customerId } : {}),
      };
      return ok({ card: updated, activity: { ...activity, balanceAfter: applied.balance } });
    }
    const [reread] = await selectGiftCardsByIds(trx, [card.id]);
    if (!reread) return fail('gift_card_not_found', 'No such gift card');
    current = reread;
  }
  throw new Error(`gift card ${card.id} kept changing under a guarded update`);
}
