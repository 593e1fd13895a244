import { sql } from 'kysely';
import type { Db } from './database.ts';

export type OutstandingByOutlet = {
  outletId: string | null;
  currency: string;
  cards: number;
  balance: number;
};

/** What active and blocked gift cards still hold, by the outlet that issued them. */
export async function selectGiftCardOutstandingByOutlet(db: Db): Promise<OutstandingByOutlet[]> {
  const rows = await sql<{
    outlet_id: string | null;
    currency: string;
    cards: number;
    balance: number;
  }>`
    SELECT issued_outlet_id AS outlet_id, currency, count(*)::int AS cards, sum(balance) AS balance
    FROM gift_cards
    WHERE balance > 0
    GROUP BY issued_outlet_id, currency
    ORDER BY currency, issued_outlet_id NULLS LAST
  `.execute(db);
  return rows.rows.map((row) => ({
    outletId: row.outlet_id,
    currency: row.currency,
    cards: Number(row.cards),
    balance: Number(row.balance),
  }));
}

export type OutstandingByAge = {
  ageBand: string;
  currency: string;
  cards: number;
  balance: number;
};

/** The same balances by how long ago each card was activated (older liability is riskier). */
export async function selectGiftCardOutstandingByAge(
  db: Db,
  now: Date,
): Promise<OutstandingByAge[]> {
  const rows = await sql<{ age_band: string; currency: string; cards: number; balance: number }>`
    SELECT CASE
        WHEN activated_at > ${now}::timestamptz - interval '3 months' THEN '0-3 months'
        WHEN activated_at > ${now}::timestamptz - interval '6 months' THEN '3-6 months'
        WHEN activated_at > ${now}::timestamptz - interval '12 months' THEN '6-12 months'
        WHEN activated_at > ${now}::timestamptz - interval '24 months' THEN '12-24 months'
        ELSE 'over 24 months'
      END AS age_band,
      currency, count(*)::int AS cards, sum(balance) AS balance
    FROM gift_cards
    WHERE balance > 0
    GROUP BY 1, 2
  `.execute(db);
  const order = ['0-3 months', '3-6 months', '6-12 months', '12-24 months', 'over 24 months'];
  return rows.rows
    .map((row) => ({
      ageBand: row.age_band,
      currency: row.currency,
      cards: Number(row.cards),
      balance: Number(row.balance),
    }))
    .sort(
      (a, b) =>
        a.currency.localeCompare(b.currency) || order.indexOf(a.ageBand) - order.indexOf(b.ageBand),
    );
}

export type LedgerMovements = {
  month: string;
  currency: string;
  issued: number;
  redeemed: number;
  refunded: number;
  expired: number;
  adjusted: number;
};

/** The sums come back from PostgreSQL as strings (bigint); the report wants numbers. */
function toMovements(row: LedgerMovements): LedgerMovements {
  return {
    month: row.month,
    currency: row.currency,
    issued: Number(row.issued),
    redeemed: Number(row.redeemed),
    refunded: Number(row.refunded),
    expired: Number(row.expired),
    adjusted: Number(row.adjusted),
  };
}

/** Money into and out of gift cards per calendar month (UTC) in [from, to). */
export async function selectGiftCardMovements(
  db: Db,
  from: Date,
  to: Date,
): Promise<LedgerMovements[]> {
  const rows = await sql<LedgerMovements>`
    SELECT to_char(date_trunc('month', a.created_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month,
      c.currency,
      coalesce(sum(a.amount) FILTER (WHERE a.kind IN ('ACTIVATE', 'LOAD', 'IMPORT')), 0) AS issued,
      coalesce(-sum(a.amount) FILTER (WHERE a.kind = 'REDEEM'), 0) AS redeemed,
      coalesce(sum(a.amount) FILTER (WHERE a.kind = 'REFUND'), 0) AS refunded,
      coalesce(-sum(a.amount) FILTER (WHERE a.kind = 'EXPIRE'), 0) AS expired,
      coalesce(sum(a.amount) FILTER (WHERE a.kind IN ('ADJUST_INCREMENT', 'ADJUST_DECREMENT', 'CLEAR_BALANCE', 'DEACTIVATE')), 0) AS adjusted
    FROM gift_card_activities a
    JOIN gift_cards c ON c.id = a.gift_card_id
    WHERE a.created_at >= ${from} AND a.created_at < ${to}
    GROUP BY 1, 2
    ORDER BY 1, 2
  `.execute(db);
  return rows.rows.map(toMovements);
}

/** Store credit money in and out per month, the same shape as the gift card movements. */
export async function selectStoreCreditMovements(
  db: Db,
  from: Date,
  to: Date,
): Promise<LedgerMovements[]> {
  const rows = await sql<LedgerMovements>`
    SELECT to_char(date_trunc('month', e.created_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month,
      a.currency,
      coalesce(sum(e.amount) FILTER (WHERE e.kind = 'TOP_UP'), 0) AS issued,
      coalesce(-sum(e.amount) FILTER (WHERE e.kind = 'REDEEM'), 0) AS redeemed,
      coalesce(sum(e.amount) FILTER (WHERE e.kind = 'REFUND'), 0) AS refunded,
      coalesce(-sum(e.amount) FILTER (WHERE e.kind = 'EXPIRE'), 0) AS expired,
      coalesce(sum(e.amount) FILTER (WHERE e.kind IN ('ADJUST_INCREMENT', 'ADJUST_DECREMENT', 'REVERSE')), 0) AS adjusted
    FROM store_credit_entries e
    JOIN store_credit_accounts a ON a.id = e.account_id
    WHERE e.created_at >= ${from} AND e.created_at < ${to}
    GROUP BY 1, 2
    ORDER BY 1, 2
  `.execute(db);
  return rows.rows.map(toMovements);
}

export async function selectStoreCreditOutstanding(
  db: Db,
): Promise<{ currency: string; accounts: number; balance: number }[]> {
  const rows = await sql<{ currency: string; accounts: number; balance: number }>`
    SELECT currency, count(*)::int AS accounts, sum(balance) AS balance
    FROM store_credit_accounts WHERE balance > 0
    GROUP BY currency ORDER BY currency
  `.execute(db);
  return rows.rows.map((row) => ({
    currency: row.currency,
    accounts: Number(row.accounts),
    balance: Number(row.balance),
  }));
}
