import { minor } from '../../domain/units.ts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresOnly, testDatabases } from '../../../test/support/databases.ts';
import { createTestShop, serviceDeps, type TestShop } from '../../../test/support/deps.ts';
import { key, printCards } from '../../../test/support/stored-value.ts';
import type { GiftCardOperation, GiftCardState } from '../../domain/gift-cards.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import {
  findGiftCardByNumber,
  selectGiftCardActivities,
  selectGiftCardLedgerMismatches,
} from '../../store/gift-cards.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { operateGiftCard, redeemGiftCard } from './gift-card-operations.ts';

/**
 * The model: what a card should look like after each operation, written independently of
 * the domain rules as the plain statement of them. `null` means "must be refused".
 */
type Model = { state: GiftCardState; balance: number; expired: boolean };

function expected(model: Model, op: GiftCardOperation): Model | null {
  const { state, balance, expired } = model;
  const amount = 'amount' in op ? op.amount : 0;
  switch (op.kind) {
    case 'ACTIVATE':
    case 'IMPORT':
      // Activation sets the expiry anew (these operations carry none).
      return state === 'PENDING' ? { state: 'ACTIVE', balance: amount, expired: false } : null;
    case 'LOAD':
    case 'REFUND':
      return state === 'ACTIVE' && !expired ? { ...model, balance: balance + amount } : null;
    case 'REDEEM':
      return state === 'ACTIVE' && !expired && amount <= balance
        ? { ...model, balance: balance - amount }
        : null;
    case 'ADJUST_INCREMENT':
      return state === 'ACTIVE' || state === 'BLOCKED'
        ? { ...model, balance: balance + amount }
        : null;
    case 'ADJUST_DECREMENT':
      return (state === 'ACTIVE' || state === 'BLOCKED') && amount <= balance
        ? { ...model, balance: balance - amount }
        : null;
    case 'CLEAR_BALANCE':
      return state === 'ACTIVE' || state === 'BLOCKED' ? { ...model, balance: 0 } : null;
    case 'BLOCK':
      return state === 'ACTIVE' ? { ...model, state: 'BLOCKED' } : null;
    case 'UNBLOCK':
      return state === 'BLOCKED' ? { ...model, state: 'ACTIVE' } : null;
    case 'DEACTIVATE':
      return state === 'DEACTIVATED' ? null : { ...model, state: 'DEACTIVATED', balance: 0 };
    case 'EXPIRE':
      return (state === 'ACTIVE' || state === 'BLOCKED') && expired
        ? { ...model, balance: 0 }
        : null;
  }
}

const amount = fc.integer({ min: 1, max: 20_000 }).map(minor);
const operation: fc.Arbitrary<GiftCardOperation> = fc.oneof(
  amount.map((value) => ({ kind: 'ACTIVATE' as const, amount: value, expiresAt: null })),
  amount.map((value) => ({ kind: 'LOAD' as const, amount: value })),
  amount.map((value) => ({ kind: 'REDEEM' as const, amount: value })),
  amount.map((value) => ({ kind: 'REDEEM' as const, amount: value })),
  amount.map((value) => ({ kind: 'REFUND' as const, amount: value })),
  amount.map((value) => ({ kind: 'ADJUST_INCREMENT' as const, amount: value })),
  amount.map((value) => ({ kind: 'ADJUST_DECREMENT' as const, amount: value })),
  fc.constantFrom<GiftCardOperation>(
    { kind: 'CLEAR_BALANCE' },
    { kind: 'BLOCK' },
    { kind: 'UNBLOCK' },
    { kind: 'DEACTIVATE' },
    { kind: 'EXPIRE' },
  ),
);

/** A step: a new operation, a retry of an earlier one, or an earlier key with another body. */
type Step =
  | { kind: 'new'; op: GiftCardOperation }
  | { kind: 'retry'; pick: number }
  | { kind: 'reuse'; pick: number; op: GiftCardOperation }
  | { kind: 'expire-now' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: operation.map((op) => ({ kind: 'new' as const, op })) },
  { weight: 2, arbitrary: fc.nat().map((pick) => ({ kind: 'retry' as const, pick })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.nat(), operation)
      .map(([pick, op]) => ({ kind: 'reuse' as const, pick, op })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'expire-now' as const }) },
);

describe.each(testDatabases())('gift card ledger model on $name', (database) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;
  let clock = new Date('2026-11-22T10:00:00Z');
  // PostgreSQL pays a network round trip per statement: fewer runs there, the same property
  // (as in the points ledger's model test).
  const runs = database.name === 'pglite' ? 1000 : 300;
  let cards: string[] = [];
  let used = 0;

  beforeAll(async () => {
    handle = await database.open();
    deps = serviceDeps(handle, { now: () => clock });
    shop = await createTestShop(deps);
    cards = await printCards(deps, shop.actors.supervisor, runs + 50);
  });
  afterAll(() => handle.close());

  it(`keeps every card equal to its model and to the sum of its activities (${runs} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const number = cards[used++]!;
        let model: Model = { state: 'PENDING', balance: 0, expired: false };
        const applied: { key: string; op: GiftCardOperation; activityId: string }[] = [];
        for (const current of steps) {
          if (current.kind === 'expire-now') {
            // The card's expiry passes: it is expired from now on (the model says so too).
            model = { ...model, expired: true };
            clock = new Date(clock.getTime() + 1000);
            await handle.db
              .updateTable('gift_cards')
              .set({ expires_at: new Date(clock.getTime() - 1) })
              .where('number', '=', number)
              .execute();
            continue;
          }
          if (current.kind !== 'new' && applied.length === 0) continue;
          const earlier = applied[(current.kind === 'new' ? 0 : current.pick) % applied.length];
          const idempotencyKey = current.kind === 'new' ? key() : earlier!.key;
          const op =
            current.kind === 'new'
              ? current.op
              : current.kind === 'retry'
                ? earlier!.op
                : current.op;
          const result = await operateGiftCard({
            deps,
            actor: shop.actors.supervisor,
            cardRef: number,
            operation: op,
            options: {
              reason: 'model test',
              idempotencyKey,
            },
          });
          if (current.kind === 'retry') {
            // A retry answers with the first activity and changes nothing.
            expect(result).toMatchObject({
              ok: true,
              value: { activity: { id: earlier!.activityId } },
            });
          } else if (current.kind === 'reuse') {
            const same = JSON.stringify(op) === JSON.stringify(earlier!.op);
            if (!same) expect(result).toMatchObject({ ok: false, code: 'idempotency_key_reused' });
          } else {
            const next = expected(model, op);
            expect(result.ok, `${op.kind} from ${JSON.stringify(model)}`).toBe(next !== null);
            if (result.ok && next) {
              model = next;
              applied.push({ key: idempotencyKey, op, activityId: result.value.activity.id });
            }
          }
          const card = (await findGiftCardByNumber(deps.db, number))!;
          expect({ state: card.state, balance: card.balance }).toEqual({
            state: model.state,
            balance: model.balance,
          });
        }
        const card = (await findGiftCardByNumber(deps.db, number))!;
        const activities = await selectGiftCardActivities(deps.db, card.id);
        expect(activities).toHaveLength(applied.length);
        expect(activities.reduce((sum, entry) => sum + entry.amount, 0)).toBe(card.balance);
      }),
      { numRuns: runs },
    );
    expect(await selectGiftCardLedgerMismatches(deps.db)).toEqual([]);
  }, 300_000);
});

const postgres = postgresOnly({ poolSize: 64 });

describe.runIf(postgres)('gift card redemptions racing on PostgreSQL', () => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;
  let cards: string[];

  beforeAll(async () => {
    handle = await postgres!.open();
    deps = serviceDeps(handle);
    shop = await createTestShop(deps);
    cards = await printCards(deps, shop.actors.supervisor, 2);
    for (const number of cards) {
      const activated = await operateGiftCard({
        deps,
        actor: shop.actors.supervisor,
        cardRef: number,
        operation: { kind: 'ACTIVATE', amount: minor(10_000), expiresAt: null },
        options: { reason: null, idempotencyKey: key() },
      });
      if (!activated.ok) throw new Error(activated.message);
    }
  });
  afterAll(() => handle?.close());

  it('lets 64 connections redeem from one 100.00 card without ever overspending', async () => {
    const amounts = fc.sample(fc.integer({ min: 1, max: 900 }), { numRuns: 64, seed: 20261122 });
    const results = await Promise.all(
      amounts.map((value) =>
        redeemGiftCard({
          deps,
          actor: shop.actors.cashier,
          input: {
            number: cards[0]!,
            amount: minor(value),
            idempotencyKey: key(),
          },
        }),
      ),
    );
    const redeemed = results.reduce(
      (sum, result, index) => sum + (result.ok ? amounts[index]! : 0),
      0,
    );
    for (const result of results) {
      if (!result.ok) expect(result.code).toBe('insufficient_balance');
    }
    expect(redeemed).toBeLessThanOrEqual(10_000);
    // Random amounts rarely add up exactly; whatever is left is less than the smallest refusal.
    const refused = amounts.filter((_, index) => !results[index]!.ok);
    const card = (await findGiftCardByNumber(deps.db, cards[0]!))!;
    expect(card.balance).toBe(10_000 - redeemed);
    if (refused.length > 0) expect(card.balance).toBeLessThan(Math.max(...refused));
    expect(await selectGiftCardLedgerMismatches(deps.db)).toEqual([]);
  });

  it('applies 32 simultaneous retries of one redemption exactly once', async () => {
    const idempotencyKey = key();
    const results = await Promise.all(
      Array.from({ length: 32 }, () =>
        redeemGiftCard({
          deps,
          actor: shop.actors.cashier,
          input: {
            number: cards[1]!,
            amount: minor(2500),
            idempotencyKey,
          },
        }),
      ),
    );
    const ids = new Set(
      results.map((result) => (result.ok ? result.value.activity.id : result.code)),
    );
    expect(ids.size).toBe(1);
    expect((await findGiftCardByNumber(deps.db, cards[1]!))!.balance).toBe(7500);
  });
});
