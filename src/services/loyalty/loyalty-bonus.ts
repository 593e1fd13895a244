import type { Points } from '../../domain/units.ts';
import type { LoyaltyRules } from '../../domain/loyalty-rules.ts';
import { pointsExpiry } from '../../domain/loyalty-rules.ts';
import { fail, invalid, ok, type Result } from '../../domain/result.ts';
import { checkFreeText } from '../../domain/tenders.ts';
import { findCustomerById } from '../../store/customers.ts';
import type { Db } from '../../store/database.ts';
import { findLoyaltyEventByKey, type LoyaltyEventRecord } from '../../store/loyalty.ts';
import { inTransaction, isUniqueViolation } from '../../store/transaction.ts';
import { requireApproval, type ApprovalInput } from '../staff/approvals.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { changePoints } from './loyalty-ledger.ts';
import { bonusReasonCodes } from '../../domain/loyalty-events.ts';
import { rulesAt } from './loyalty-program.ts';

export { bonusReasonCodes, type BonusReasonCode } from '../../domain/loyalty-events.ts';

/** The sign-up bonus, in the transaction that creates the customer (once: keyed by customer). */
export async function awardSignupBonus({
  trx,
  actor,
  customerId,
  loyalty,
  at,
}: {
  trx: Db;
  actor: Actor;
  customerId: string;
  loyalty: { version: number | null; rules: LoyaltyRules };
  at: Date;
}): Promise<Result<void>> {
  const { rules } = loyalty;
  if (!rules.enabled || rules.signupBonus <= 0) return ok(undefined);
  const awarded = await changePoints({
    trx,
    actor,
    change: {
      customerId,
      kind: 'SIGNUP_BONUS',
      points: rules.signupBonus,
      expiresAt: pointsExpiry(at, rules.expiryMonths),
      mayGoNegative: false,
      ruleVersion: loyalty.version,
      details: { signupBonus: rules.signupBonus },
      idempotencyKey: `signup:${customerId}`,
    },
    at,
  });
  return awarded.ok ? ok(undefined) : awarded;
}

export type PointsAdjustment = {
  /** Positive gives bonus points, negative corrects downwards. */
  points: Points;
  reasonCode: string;
  reason: string;
  /** A supervisor's username and PIN when a cashier gives the bonus at the till. */
  approval?: ApprovalInput;
};

/**
 * Bonus points (or a correction) by hand: a supervisor may, a cashier needs a supervisor's
 * PIN; always with a reason code and words. The caller's idempotency key is the event's.
 */
export async function adjustPoints({
  deps,
  actor,
  customerId,
  input,
  idempotencyKey,
}: {
  deps: ServiceDeps;
  actor: Actor;
  customerId: string;
  input: PointsAdjustment;
  idempotencyKey: string;
}): Promise<Result<LoyaltyEventRecord>> {
  const replay = await findLoyaltyEventByKey(deps.db, idempotencyKey);
  if (replay) {
    const same =
      replay.customerId === customerId &&
      replay.points === input.points &&
      replay.reasonCode === input.reasonCode;
    return same
      ? ok(replay)
      : fail('idempotency_key_reused', 'This Idempotency-Key was used for a different change', {
          field: 'Idempotency-Key',
        });
  }
  const checked = checkAdjustment(input);
  if (!checked.ok) return checked;
  const customer = await findCustomerById(deps.db, customerId);
  if (customer?.status !== 'active') {
    return fail('customer_not_found', 'No active customer with that id');
  }
  const approval = await requireApproval({
    deps,
    actor,
    permission: 'loyalty.adjust',
    approval: input.approval,
    need: {
      message: "Bonus points need a supervisor's approval",
      action: 'loyalty.adjust',
      audit: { customerId, points: input.points },
    },
  });
  if (!approval.ok) return approval;
  const at = deps.now();
  const { version, rules } = await rulesAt(deps.db, at);
  try {
    return await inTransaction(deps.db, async (trx) => {
      const event = await changePoints({
        trx,
        actor,
        change: {
          customerId,
          kind: 'ADJUST',
          points: input.points,
          expiresAt: pointsExpiry(at, rules.expiryMonths),
          mayGoNegative: false,
          ruleVersion: version,
          reasonCode: input.reasonCode,
          reason: checked.value,
          approvedByStaffId: approval.value.approvedByStaffId,
          idempotencyKey,
        },
        at,
      });
      if (!event.ok) return event;
      await recordAudit({
        db: trx,
        actor,
        entry: {
          action: 'loyalty.points_adjusted',
          subjectType: 'customer',
          subjectId: customerId,
          detail: { points: input.points, reasonCode: input.reasonCode },
        },
      });
      return event;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const raced = await findLoyaltyEventByKey(deps.db, idempotencyKey);
      if (raced) return ok(raced);
    }
    throw error;
  }
}

function checkAdjustment(input: PointsAdjustment): Result<string> {
  if (
    !Number.isSafeInteger(input.points) ||
    input.points === 0 ||
    Math.abs(input.points) > 1_000_000
  ) {
    return invalid('points', 'points must be a whole number, not 0, up to 1,000,000 either way');
  }
  if (!(bonusReasonCodes as readonly string[]).includes(input.reasonCode)) {
    return invalid('reasonCode', `reasonCode must be one of ${bonusReasonCodes.join(', ')}`);
  }
  const reason = input.reason.trim();
  if (reason === '' || reason.length > 200) {
    return invalid('reason', 'reason must say why (1–200 characters)');
  }
  return checkFreeText(reason, 'reason');
}
