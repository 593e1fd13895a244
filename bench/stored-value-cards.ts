import { minor } from '../src/domain/units.ts';
import { sql } from 'kysely';
import { fail, ok } from '../src/domain/result.ts';
import { systemActor, type ServiceDeps } from '../src/services/platform/context.ts';
import {
  changeGiftCard,
  type LedgerContext,
} from '../src/services/stored-value/gift-card-ledger.ts';
import { generateGiftCards } from '../src/services/stored-value/gift-cards.ts';
import {
  searchGiftCards,
  selectGiftCardLedgerMismatches,
  type GiftCardRecord,
} from '../src/store/gift-cards.ts';
import { inTransaction } from '../src/store/transaction.ts';
import { elapsedMs } from './stats.ts';

export type BenchCards = { hot: GiftCardRecord; spread: GiftCardRecord[] };

/** A ledger context as a back-office job writes it: the system, at one outlet, no sale. */
export function ledgerContext(outletId: string, idempotencyKey: string): LedgerContext {
  return {
    actor: systemActor,
    outletId,
    saleId: null,
    reason: null,
    approvedByStaffId: null,
    idempotencyKey,
    requestHash: null,
    at: new Date(),
  };
}

/**
 * One range of pre-printed cards (the first is the hot card, the rest are spread over),
 * activated through the ledger as the till would: one activity per card, so every
 * balance starts equal to the sum of its activities.
 */
export async function createBenchCards(
  deps: ServiceDeps,
  options: {
    outletId: string;
    cards: number;
    hotBalance: number;
    balance: number;
    log: (line: string) => void;
  },
): Promise<BenchCards> {
  const started = process.hrtime.bigint();
  const count = options.cards + 1;
  const generated = await generateGiftCards({
    deps,
    actor: systemActor,
    input: {
      prefix: '5',
      first: 0,
      count,
      currency: 'GBP',
      label: 'stored-value bench',
    },
  });
  if (!generated.ok) throw new Error(`generateGiftCards: ${generated.message}`);
  const pending = await searchGiftCards(deps.db, { numberPrefix: '5', limit: count });
  if (pending.length !== count) throw new Error(`expected ${count} cards, found ${pending.length}`);

  // A few connections, one transaction per chunk of cards: setup, not what is measured.
  const chunkSize = 250;
  const chunks: GiftCardRecord[][] = [];
  for (let start = 0; start < pending.length; start += chunkSize) {
    chunks.push(pending.slice(start, start + chunkSize));
  }
  const active = new Map<string, GiftCardRecord>();
  let nextChunk = 0;
  const activator = async () => {
    for (let chunk = chunks[nextChunk++]; chunk; chunk = chunks[nextChunk++]) {
      const done = await inTransaction(deps.db, async (trx) => {
        const cards: GiftCardRecord[] = [];
        for (const card of chunk) {
          const amount = card === pending[0] ? options.hotBalance : options.balance;
          const changed = await changeGiftCard({
            trx,
            card,
            operation: { kind: 'ACTIVATE', amount: minor(amount), expiresAt: null },
            context: ledgerContext(options.outletId, `bench-activate-${card.id}`),
          });
          if (!changed.ok) return fail(changed.code, `${card.number}: ${changed.message}`);
          cards.push(changed.value.card);
        }
        return ok(cards);
      });
      if (!done.ok) throw new Error(`activation failed: ${done.message}`);
      for (const card of done.value) active.set(card.id, card);
    }
  };
  await Promise.all(Array.from({ length: 4 }, activator));
  const cards = pending.map((card) => active.get(card.id)!);
  const [hot, ...spread] = cards;
  if (!hot) throw new Error('no hot card');
  options.log(
    `cards: ${count.toLocaleString('en-GB')} generated and activated in ` +
      `${(elapsedMs(started) / 1000).toFixed(1)} s (hot card •••• ${hot.number.slice(-4)})`,
  );
  return { hot, spread };
}

export type CardCheck = {
  id: string;
  balance: number;
  activitySum: number;
  activities: number;
  /** Activation amount less what this process saw redeemed successfully. */
  expected: number;
};

export type LedgerVerification = {
  /** selectGiftCardLedgerMismatches over every card in the database. */
  mismatchedCards: string[];
  hot: CardCheck;
  sample: CardCheck[];
  /** Whether `expected` is trusted: only when no operation failed (a failure may have committed). */
  tallyChecked: boolean;
  ok: boolean;
};

/**
 * The ledger invariant after the run: every balance equals the sum of its activities,
 * and (when nothing failed) the balances of the hot card and a sample of cards equal
 * their activation less exactly what the benchmark redeemed from them: no lost update.
 */
export async function verifyLedger(
  deps: ServiceDeps,
  options: {
    cards: BenchCards;
    sampleSize: number;
    redeemed: ReadonlyMap<string, number>;
    tallyChecked: boolean;
  },
): Promise<LedgerVerification> {
  const mismatchedCards = await selectGiftCardLedgerMismatches(deps.db);
  const { hot, spread } = options.cards;
  const step = Math.max(1, Math.floor(spread.length / Math.max(1, options.sampleSize)));
  const sampled = spread.filter((_, index) => index % step === 0).slice(0, options.sampleSize);
  const chosen = [hot, ...sampled];
  const rows = await sql<{ id: string; balance: number; total: number; activities: number }>`
    SELECT c.id, c.balance, coalesce(sum(a.amount), 0)::bigint AS total,
           count(a.id)::int AS activities
    FROM gift_cards c LEFT JOIN gift_card_activities a ON a.gift_card_id = c.id
    WHERE c.id = ANY(${chosen.map((card) => card.id)}::uuid[])
    GROUP BY c.id, c.balance
  `.execute(deps.db);
  const byId = new Map(rows.rows.map((row) => [row.id, row]));
  const check = (card: GiftCardRecord): CardCheck => {
    const row = byId.get(card.id);
    return {
      id: card.id,
      balance: Number(row?.balance ?? NaN),
      activitySum: Number(row?.total ?? NaN),
      activities: row?.activities ?? 0,
      expected: card.balance - (options.redeemed.get(card.id) ?? 0),
    };
  };
  const hotCheck = check(hot);
  const sample = sampled.map(check);
  const good = (item: CardCheck) =>
    item.balance === item.activitySum && (!options.tallyChecked || item.balance === item.expected);
  return {
    mismatchedCards,
    hot: hotCheck,
    sample,
    tallyChecked: options.tallyChecked,
    ok: mismatchedCards.length === 0 && good(hotCheck) && sample.every(good),
  };
}
