import { ok, type Result } from '../../domain/result.ts';
import type { PaymentPlan } from '../../domain/sale-plan.ts';
import { spendableCredit } from '../../domain/store-credit.ts';
import { settleTenders, type SettledTender, type TenderInput } from '../../domain/tenders.ts';
import type { Db } from '../../store/database.ts';
import { lockGiftCardsByIds, type GiftCardRecord } from '../../store/gift-cards.ts';
import { lockStoreCreditAccount, selectOpenLots } from '../../store/store-credit.ts';

/**
 * Settles the tenders again inside the sale's transaction, with the gift cards' and the
 * store credit account's rows locked and their balances read under those locks. "Pay
 * what it holds" (no amount) is decided here, so a card another till spent from a moment
 * ago pays what it still holds and the sale asks for the rest (`tenders_short` with the
 * real `due`), rather than being refused while money is left on it. The locks are held
 * until the sale commits, so the amounts settled are the amounts the ledgers take.
 */
export async function settleUnderLock({
  trx,
  plan,
  at,
}: {
  trx: Db;
  plan: PaymentPlan;
  at: Date;
}): Promise<Result<{ settled: SettledTender[]; cards: GiftCardRecord[] }>> {
  const cardIds = plan.tenders.flatMap((tender) =>
    tender.kind === 'gift_card' ? [tender.giftCardId] : [],
  );
  const cards = await lockGiftCardsByIds(trx, cardIds);
  const tenders: TenderInput[] = [];
  for (const tender of plan.tenders) {
    if (tender.kind === 'gift_card') {
      const card = cards.find((candidate) => candidate.id === tender.giftCardId);
      tenders.push({ ...tender, available: card?.balance ?? 0 });
    } else if (tender.kind === 'store_credit') {
      tenders.push({ ...tender, available: await lockedCredit(trx, tender.accountId, at) });
    } else {
      tenders.push(tender);
    }
  }
  const settled = settleTenders(plan.total, tenders, plan.currency);
  return settled.ok ? ok({ settled: settled.value, cards }) : settled;
}

/** What the account may spend at `at`, read with its row locked (none without an account). */
async function lockedCredit(trx: Db, accountId: string, at: Date): Promise<number> {
  if (accountId === '') return 0;
  await lockStoreCreditAccount(trx, accountId);
  return spendableCredit(await selectOpenLots(trx, accountId), at);
}
