import type { Db } from '../../src/store/database.ts';

/** Every sale and ledger of a database, keyed so two databases can be compared row by row. */
export type LedgerFacts = {
  /** sale id -> its number, kind, total and customer */
  sales: Map<string, string>;
  /** entry key (gc:/sc:/pt: + entry id) -> its account, amount and balance after */
  entries: Map<string, { account: string; row: string }>;
  /** account key (gc:/sc:/pt: + account id) -> balance */
  balances: Map<string, number>;
};

export async function ledgerFacts(db: Db): Promise<LedgerFacts> {
  const sales = await db
    .selectFrom('sales')
    .select(['id', 'number', 'kind', 'total', 'customer_id'])
    .execute();
  const giftCards = await db.selectFrom('gift_cards').select(['id', 'balance']).execute();
  const credit = await db.selectFrom('store_credit_accounts').select(['id', 'balance']).execute();
  const points = await db
    .selectFrom('loyalty_accounts')
    .select(['customer_id', 'balance'])
    .execute();
  const giftCardEntries = await db
    .selectFrom('gift_card_activities')
    .select(['id', 'gift_card_id as account', 'amount', 'balance_after'])
    .execute();
  const creditEntries = await db
    .selectFrom('store_credit_entries')
    .select(['id', 'account_id as account', 'amount', 'balance_after'])
    .execute();
  const pointEntries = await db
    .selectFrom('loyalty_events')
    .select(['id', 'customer_id as account', 'points as amount', 'balance_after'])
    .execute();
  const entries = new Map<string, { account: string; row: string }>();
  for (const [prefix, rows] of [
    ['gc:', giftCardEntries],
    ['sc:', creditEntries],
    ['pt:', pointEntries],
  ] as const) {
    for (const row of rows) {
      entries.set(prefix + row.id, {
        account: prefix + row.account,
        row: `${Number(row.amount)}/${Number(row.balance_after)}`,
      });
    }
  }
  return {
    sales: new Map(
      sales.map((sale) => [
        sale.id,
        `${sale.number}/${sale.kind}/${Number(sale.total)}/${sale.customer_id ?? ''}`,
      ]),
    ),
    entries,
    balances: new Map([
      ...giftCards.map((card) => [`gc:${card.id}`, Number(card.balance)] as const),
      ...credit.map((account) => [`sc:${account.id}`, Number(account.balance)] as const),
      ...points.map((account) => [`pt:${account.customer_id}`, Number(account.balance)] as const),
    ]),
  };
}

/**
 * What a backup taken at one moment must show of a source that kept selling: each sale and
 * ledger entry it holds is the source's own, and each account that no later entry touched
 * has the source's balance to the unit.
 */
export function compareWithSource(restored: LedgerFacts, source: LedgerFacts) {
  const foreignSales = [...restored.sales].filter(([id, row]) => source.sales.get(id) !== row);
  const foreignEntries = [...restored.entries].filter(
    ([id, entry]) => source.entries.get(id)?.row !== entry.row,
  );
  const touchedLater = new Set(
    [...source.entries].filter(([id]) => !restored.entries.has(id)).map(([, e]) => e.account),
  );
  const differentBalances = [...source.balances]
    .filter(([account]) => !touchedLater.has(account))
    .filter(([account, balance]) => restored.balances.get(account) !== balance)
    .map(([account, balance]) => `${account}: ${balance} vs ${restored.balances.get(account)}`);
  return { foreignSales, foreignEntries, differentBalances, touchedLater: touchedLater.size };
}
