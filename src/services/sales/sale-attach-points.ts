import { noPoints } from '../../domain/units.ts';
import { points } from '../../domain/units.ts';
import { bestBenefits } from '../../domain/customer-groups.ts';
import { computeEarning, pointsKept } from '../../domain/loyalty-earning.ts';
import { pointsExpiry } from '../../domain/loyalty-rules.ts';
import { ok, type Result } from '../../domain/result.ts';
import { selectGroupsOfCustomer } from '../../store/customer-groups.ts';
import type { Db } from '../../store/database.ts';
import { newId } from '../../store/ids.ts';
import { findLoyaltyBalance } from '../../store/loyalty.ts';
import { selectPromotionsAt } from '../../store/loyalty-program.ts';
import { updateSalePointsEarned, type StoredSale } from '../../store/sales.ts';
import type { Actor } from '../platform/context.ts';
import { changePoints } from '../loyalty/loyalty-ledger.ts';
import { rulesAt } from '../loyalty/loyalty-program.ts';

/**
 * The points of a sale attached after it was made: what it earns by the rules and the
 * promotions of the day it was made, with the new customer's group multiplier, on what
 * was kept of it (units returned before are left out). The lines get their shares, so
 * later returns take back theirs; the customer gets one ACCUMULATE event. Runs with the
 * sale's row locked, so it happens once per attachment.
 */
export async function earnOnAttach({
  trx,
  actor,
  sale,
  customerId,
  at,
}: {
  trx: Db;
  actor: Actor;
  sale: StoredSale;
  customerId: string;
  at: Date;
}): Promise<Result<number>> {
  const [then, now, groups] = await Promise.all([
    rulesAt(trx, sale.completedAt),
    rulesAt(trx, at),
    selectGroupsOfCustomer(trx, customerId),
  ]);
  const promotions = then.rules.enabled ? await selectPromotionsAt(trx, sale.completedAt) : [];
  const products = sale.lines.filter((line) => line.kind === 'product');
  const earning = computeEarning(
    then.rules,
    products.map((line) => ({ category: line.category, total: line.total, tax: line.tax })),
    promotions,
    { at: sale.completedAt, groupMultiplierBp: bestBenefits(groups).earnMultiplierBp },
  );
  const lines = products.map((line, index) => ({
    ...line,
    pointsEarned: earning.perLine[index] ?? noPoints,
  }));
  await updateSalePointsEarned(trx, { id: sale.id, pointsEarned: earning.total, lines });
  const kept = pointsKept(lines);
  if (kept <= 0) return ok(0);
  const earned = await changePoints({
    trx,
    actor,
    change: {
      customerId,
      kind: 'ACCUMULATE',
      points: kept,
      expiresAt: pointsExpiry(at, now.rules.expiryMonths),
      saleId: sale.id,
      ruleVersion: then.version,
      promotionId: earning.promotion?.id ?? null,
      mayGoNegative: now.rules.allowNegativeBalance,
      details: {
        ...earning.explanation,
        attached: 'sale attached after it was made',
        earned: earning.total,
        returnedBefore: earning.total - kept,
      },
      idempotencyKey: `${sale.id}:loyalty:attach:${newId()}`,
    },
    at,
  });
  return earned.ok ? ok(kept) : earned;
}

/**
 * Takes a detached sale's points back off the customer it leaves: what its kept units
 * earned, from the lots the sale made first. When balances may not go below zero, only
 * what the customer still has is taken and the rest written off (said so in the event),
 * as a return does. The lines keep no points until the sale is attached again.
 */
export async function takeBackOnDetach({
  trx,
  actor,
  sale,
  at,
}: {
  trx: Db;
  actor: Actor;
  sale: StoredSale & { customerId: string };
  at: Date;
}): Promise<Result<number>> {
  const due = pointsKept(sale.lines);
  await updateSalePointsEarned(trx, {
    id: sale.id,
    pointsEarned: noPoints,
    lines: sale.lines.map((line) => ({ id: line.id, pointsEarned: noPoints })),
  });
  if (due <= 0) return ok(0);
  const { version, rules } = await rulesAt(trx, at);
  const balance = await findLoyaltyBalance(trx, sale.customerId, { lock: true });
  const takenBack = rules.allowNegativeBalance ? due : Math.min(due, Math.max(0, balance));
  if (takenBack === 0) return ok(0);
  const reversed = await changePoints({
    trx,
    actor,
    change: {
      customerId: sale.customerId,
      kind: 'REVERSE',
      points: points(-takenBack),
      saleId: sale.id,
      ruleVersion: version,
      mayGoNegative: rules.allowNegativeBalance,
      details: { reversal: 'sale detached', due, writtenOff: due - takenBack },
      idempotencyKey: `${sale.id}:loyalty:detach:${newId()}`,
      fromSaleIds: [sale.id],
    },
    at,
  });
  return reversed.ok ? ok(takenBack) : reversed;
}
