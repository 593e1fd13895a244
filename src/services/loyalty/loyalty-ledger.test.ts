import { points as asPoints } from '../../domain/units.ts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.ts';
import { createTestShop, serviceDeps, type TestShop } from '../../../test/support/deps.ts';
import { newCustomer } from '../../../test/support/loyalty.ts';
import { key } from '../../../test/support/stored-value.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import {
  findLoyaltyBalance,
  selectLoyaltyMismatches,
  selectOpenPointsLots,
} from '../../store/loyalty.ts';
import { inTransaction } from '../../store/transaction.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { expirePoints } from './loyalty-expiry.ts';
import { changePoints } from './loyalty-ledger.ts';

/** The model: the balance, and the earned lots (points, expiry month index) still held. */
type Model = { balance: number; lots: { points: number; expiresAt: number }[] };

type Op =
  | { kind: 'earn'; points: number; months: number }
  | { kind: 'spend'; points: number }
  | { kind: 'take-back'; points: number; mayGoNegative: boolean }
  | { kind: 'retry' }
  | { kind: 'time-passes'; months: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('earn' as const),
    points: fc.integer({ min: 1, max: 500 }),
    months: fc.integer({ min: 1, max: 6 }),
  }),
  fc.record({ kind: fc.constant('spend' as const), points: fc.integer({ min: 1, max: 600 }) }),
  fc.record({
    kind: fc.constant('take-back' as const),
    points: fc.integer({ min: 1, max: 600 }),
    mayGoNegative: fc.boolean(),
  }),
  fc.constant({ kind: 'retry' as const }),
  fc.record({ kind: fc.constant('time-passes' as const), months: fc.integer({ min: 1, max: 4 }) }),
);

/** Takes points out of the model's lots, soonest-expiring first (none of them expired). */
function drain(model: Model, points: number, month: number, includeExpired: boolean): boolean {
  const usable = model.lots
    .filter((lot) => includeExpired || lot.expiresAt > month)
    .sort((a, b) => a.expiresAt - b.expiresAt);
  if (usable.reduce((sum, lot) => sum + lot.points, 0) < points) return false;
  let left = points;
  for (const lot of usable) {
    const take = Math.min(lot.points, left);
    lot.points -= take;
    left -= take;
  }
  model.lots = model.lots.filter((lot) => lot.points > 0);
  return true;
}

describe.each(testDatabases())('points ledger model on $name', (database) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;
  let month = 0;
  const monthStart = (index: number) => new Date(Date.UTC(2026, 10 + index, 1));
  // PostgreSQL pays a network round trip per statement: fewer runs there, the same property.
  const runs = database.name === 'pglite' ? 1000 : 300;

  beforeAll(async () => {
    handle = await database.open();
    deps = serviceDeps(handle, { now: () => new Date(monthStart(month).getTime() + 86_400_000) });
    shop = await createTestShop(deps);
  });
  afterAll(() => handle.close());

  it(`keeps balance = events = lots through random earning, spending, take-backs, retries and expiry (${runs} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        const customerId = await newCustomer(deps, shop.actors.cashier, 'Model Customer');
        const model: Model = { balance: 0, lots: [] };
        let last: {
          key: string;
          points: number;
          kind: 'ACCUMULATE' | 'REDEEM' | 'REVERSE';
          mayGoNegative: boolean;
        } | null = null;
        for (const step of ops) {
          const at = new Date(monthStart(month).getTime() + 86_400_000);
          if (step.kind === 'time-passes') {
            month += step.months;
            await expirePoints(deps);
            const expired = model.lots.filter((lot) => lot.expiresAt <= month);
            model.balance -= expired.reduce((sum, lot) => sum + lot.points, 0);
            model.lots = model.lots.filter((lot) => lot.expiresAt > month);
          } else if (step.kind === 'retry') {
            if (!last) continue;
            const retried = await inTransaction(deps.db, (trx) =>
              changePoints({
                trx,
                actor: shop.actors.cashier,
                change: {
                  customerId,
                  kind: last!.kind,
                  points: asPoints(last!.points),
                  mayGoNegative: last!.mayGoNegative,
                  idempotencyKey: last!.key,
                },
                at,
              }),
            ).catch((error: unknown) => ({ ok: false as const, error }));
            // The key is the event's: a retry of an applied change is refused by the database.
            expect(retried.ok).toBe(false);
          } else {
            const points = step.kind === 'earn' ? step.points : -step.points;
            const kind =
              step.kind === 'earn' ? 'ACCUMULATE' : step.kind === 'spend' ? 'REDEEM' : 'REVERSE';
            const mayGoNegative = step.kind === 'take-back' && step.mayGoNegative;
            const expiresAt = step.kind === 'earn' ? monthStart(month + step.months) : null;
            const idempotencyKey = key();
            const result = await inTransaction(deps.db, (trx) =>
              changePoints({
                trx,
                actor: shop.actors.cashier,
                change: {
                  customerId,
                  kind,
                  points: asPoints(points),
                  mayGoNegative,
                  spend: step.kind === 'spend',
                  expiresAt,
                  idempotencyKey,
                },
                at,
              }),
            );
            let accepted: boolean;
            if (step.kind === 'earn') {
              const paysDebt = Math.min(step.points, Math.max(0, -model.balance));
              if (step.points - paysDebt > 0)
                model.lots.push({ points: step.points - paysDebt, expiresAt: month + step.months });
              accepted = true;
            } else if (step.kind === 'spend') {
              accepted =
                model.balance >= step.points &&
                drain(structuredClone(model), step.points, month, false);
              if (accepted) drain(model, step.points, month, false);
            } else {
              accepted = mayGoNegative || model.balance >= step.points;
              if (accepted)
                drain(model, Math.min(step.points, Math.max(0, model.balance)), month, true);
            }
            expect(result.ok, `${step.kind} ${step.points} on ${JSON.stringify(model)}`).toBe(
              accepted,
            );
            if (accepted) {
              model.balance += points;
              last = { key: idempotencyKey, points, kind, mayGoNegative };
            }
          }
          expect(await findLoyaltyBalance(deps.db, customerId)).toBe(model.balance);
          const lots = await selectOpenPointsLots(deps.db, customerId);
          expect(lots.reduce((sum, lot) => sum + lot.remaining, 0)).toBe(
            Math.max(0, model.balance),
          );
        }
      }),
      { numRuns: runs },
    );
    expect(await selectLoyaltyMismatches(deps.db)).toEqual([]);
  }, 300_000);
});
