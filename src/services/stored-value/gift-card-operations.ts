import { negate, type Minor } from '../../domain/units.ts';
import type { GiftCardOperation } from '../../domain/gift-cards.ts';
import { fail, invalid, ok, type Result } from '../../domain/result.ts';
import { checkFreeText } from '../../domain/tenders.ts';
import { findGiftCardActivityByKey, selectGiftCardsByIds } from '../../store/gift-cards.ts';
import { inTransaction, isUniqueViolation } from '../../store/transaction.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { changeGiftCard } from './gift-card-ledger.ts';
import {
  activityViews,
  cardByNumber,
  giftCardView,
  type GiftCardActivityView,
  type GiftCardView,
} from './gift-card-views.ts';
import { sameDigest, sha256 } from '../platform/secrets.ts';

export type OperationResult = { card: GiftCardView; activity: GiftCardActivityView };

/**
 * One change to one card, on its own, under the caller's idempotency key (which becomes
 * the activity's): a retry answers with the card as the first call left it, the same key
 * with another request is refused, and nothing is ever applied twice, also when two
 * identical requests race.
 */
export async function operateGiftCard({
  deps,
  actor,
  cardRef,
  operation,
  options,
}: {
  deps: ServiceDeps;
  actor: Actor;
  cardRef: string;
  operation: GiftCardOperation;
  options: { reason: string | null; idempotencyKey: string; auditAction?: string };
}): Promise<Result<OperationResult>> {
  const requestHash = sha256(JSON.stringify({ cardRef, operation, reason: options.reason }));
  const replay = await replayActivity(deps, options.idempotencyKey, requestHash);
  if (replay) return replay;
  const card = await cardByNumber(deps, cardRef);
  if (!card.ok) return card;
  try {
    const changed = await inTransaction(deps.db, async (trx) => {
      const result = await changeGiftCard({
        trx,
        card: card.value,
        operation,
        context: {
          actor,
          outletId: actor.kind === 'staff' ? actor.outletId : null,
          saleId: null,
          reason: options.reason,
          approvedByStaffId: null,
          idempotencyKey: options.idempotencyKey,
          requestHash,
          at: deps.now(),
        },
      });
      if (!result.ok) return result;
      if (options.auditAction) {
        await recordAudit({
          db: trx,
          actor,
          entry: {
            action: options.auditAction,
            subjectType: 'gift_card',
            subjectId: card.value.id,
            detail: {
              last4: card.value.number.slice(-4),
              amount: result.value.activity.amount,
              reason: options.reason,
            },
          },
        });
      }
      return result;
    });
    if (!changed.ok) return changed;
    const [view] = await activityViews(deps, [changed.value.activity]);
    return ok({ card: giftCardView(changed.value.card, deps.now()), activity: view! });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const raced = await replayActivity(deps, options.idempotencyKey, requestHash);
      if (raced) return raced;
    }
    throw error;
  }
}

async function replayActivity(
  deps: ServiceDeps,
  key: string,
  requestHash: Buffer,
): Promise<Result<OperationResult> | null> {
  const existing = await findGiftCardActivityByKey(deps.db, key);
  if (!existing) return null;
  if (!existing.requestHash || !sameDigest(existing.requestHash, requestHash)) {
    return fail(
      'idempotency_key_reused',
      'This Idempotency-Key was used for a different change; nothing was changed',
      { field: 'Idempotency-Key' },
    );
  }
  const [card] = await selectGiftCardsByIds(deps.db, [existing.giftCardId]);
  const [view] = await activityViews(deps, [existing]);
  return ok({ card: giftCardView(card!, deps.now()), activity: view! });
}

export type GiftCardAdminAction =
  | { action: 'block' | 'unblock' | 'deactivate' | 'clear'; reason: string }
  | { action: 'adjust'; amount: Minor; reason: string };

function operationOf(input: GiftCardAdminAction): GiftCardOperation {
  switch (input.action) {
    case 'block':
      return { kind: 'BLOCK' };
    case 'unblock':
      return { kind: 'UNBLOCK' };
    case 'deactivate':
      return { kind: 'DEACTIVATE' };
    case 'clear':
      return { kind: 'CLEAR_BALANCE' };
    case 'adjust':
      return input.amount >= 0
        ? { kind: 'ADJUST_INCREMENT', amount: input.amount }
        : { kind: 'ADJUST_DECREMENT', amount: negate(input.amount) };
  }
}

/** A manager's change to a card (block, unblock, deactivate, clear, adjust): always with a reason. */
export async function changeGiftCardByStaff({
  deps,
  actor,
  cardRef,
  input,
  idempotencyKey,
}: {
  deps: ServiceDeps;
  actor: Actor;
  cardRef: string;
  input: GiftCardAdminAction;
  idempotencyKey: string;
}): Promise<Result<OperationResult>> {
  const reason = input.reason.trim();
  if (reason === '' || reason.length > 200) {
    return invalid('reason', 'reason must say why (1–200 characters)');
  }
  const checked = checkFreeText(reason, 'reason');
  if (!checked.ok) return checked;
  if (input.action === 'adjust' && (!Number.isSafeInteger(input.amount) || input.amount === 0)) {
    return invalid('amount', 'amount must be a whole number of minor units, not 0');
  }
  return operateGiftCard({
    deps,
    actor,
    cardRef,
    operation: operationOf(input),
    options: {
      reason,
      idempotencyKey,
      auditAction: `giftcard.${input.action}`,
    },
  });
}

/** A redemption outside a sale of ours: a web shop or another POS spending a card. */
export async function redeemGiftCard({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps;
  actor: Actor;
  input: { number: string; amount: Minor; idempotencyKey: string };
}): Promise<Result<OperationResult>> {
  return operateGiftCard({
    deps,
    actor,
    cardRef: input.number,
    operation: { kind: 'REDEEM', amount: input.amount },
    options: { reason: null, idempotencyKey: input.idempotencyKey },
  });
}
