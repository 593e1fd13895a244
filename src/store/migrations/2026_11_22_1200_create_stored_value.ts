import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A gift card is an account: the row holds the current balance, changed only in the
    -- transaction that appends its activity, by a guarded update; the CHECK is the last
    -- line of defence against an overspend.
    CREATE TABLE gift_cards (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      currency char(3) NOT NULL,
      state text NOT NULL CHECK (state IN ('PENDING', 'ACTIVE', 'BLOCKED', 'DEACTIVATED')),
      balance bigint NOT NULL DEFAULT 0 CHECK (balance >= 0),
      digital boolean NOT NULL DEFAULT false,
      customer_id uuid REFERENCES customers (id),
      -- The outlet that activated it: liability is reported per issuing outlet.
      issued_outlet_id uuid REFERENCES outlets (id),
      batch_label text,
      activated_at timestamptz,
      expires_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX gift_cards_customer ON gift_cards (customer_id) WHERE customer_id IS NOT NULL;
    CREATE INDEX gift_cards_expiring ON gift_cards (expires_at) WHERE balance > 0 AND expires_at IS NOT NULL;

    CREATE TABLE gift_card_activities (
      id uuid PRIMARY KEY,
      gift_card_id uuid NOT NULL REFERENCES gift_cards (id),
      kind text NOT NULL CHECK (kind IN ('ACTIVATE', 'LOAD', 'REDEEM', 'REFUND', 'ADJUST_INCREMENT',
        'ADJUST_DECREMENT', 'CLEAR_BALANCE', 'BLOCK', 'UNBLOCK', 'DEACTIVATE', 'EXPIRE', 'IMPORT')),
      amount bigint NOT NULL,
      balance_after bigint NOT NULL CHECK (balance_after >= 0),
      state_after text NOT NULL,
      sale_id uuid REFERENCES sales (id),
      outlet_id uuid REFERENCES outlets (id),
      staff_id uuid REFERENCES staff (id),
      api_key_id uuid REFERENCES api_keys (id),
      approved_by_staff_id uuid REFERENCES staff (id),
      reason text,
      idempotency_key text NOT NULL UNIQUE,
      request_hash bytea,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX gift_card_activities_card ON gift_card_activities (gift_card_id, created_at, id);
    CREATE INDEX gift_card_activities_time ON gift_card_activities (created_at);
    CREATE INDEX gift_card_activities_sale ON gift_card_activities (sale_id) WHERE sale_id IS NOT NULL;

    -- One store credit account per customer and currency.
    CREATE TABLE store_credit_accounts (
      id uuid PRIMARY KEY,
      customer_id uuid NOT NULL REFERENCES customers (id),
      currency char(3) NOT NULL,
      balance bigint NOT NULL DEFAULT 0 CHECK (balance >= 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (customer_id, currency)
    );

    CREATE TABLE store_credit_entries (
      id uuid PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES store_credit_accounts (id),
      kind text NOT NULL CHECK (kind IN ('REFUND', 'TOP_UP', 'REDEEM', 'ADJUST_INCREMENT',
        'ADJUST_DECREMENT', 'EXPIRE', 'REVERSE', 'MERGE_IN', 'MERGE_OUT')),
      amount bigint NOT NULL,
      balance_after bigint NOT NULL CHECK (balance_after >= 0),
      expires_at timestamptz,
      sale_id uuid REFERENCES sales (id),
      outlet_id uuid REFERENCES outlets (id),
      staff_id uuid REFERENCES staff (id),
      api_key_id uuid REFERENCES api_keys (id),
      reason text,
      idempotency_key text NOT NULL UNIQUE,
      request_hash bytea,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX store_credit_entries_account ON store_credit_entries (account_id, created_at, id);

    -- Credit arrives in lots, each with its own expiry; spending takes the lot that expires
    -- soonest first. The lots' remaining amounts always add up to the account's balance.
    CREATE TABLE store_credit_lots (
      id uuid PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES store_credit_accounts (id),
      entry_id uuid NOT NULL REFERENCES store_credit_entries (id),
      amount bigint NOT NULL CHECK (amount > 0),
      remaining bigint NOT NULL CHECK (remaining >= 0 AND remaining <= amount),
      expires_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX store_credit_lots_open ON store_credit_lots (account_id, expires_at, created_at) WHERE remaining > 0;
    CREATE INDEX store_credit_lots_expiring ON store_credit_lots (expires_at) WHERE remaining > 0 AND expires_at IS NOT NULL;

    -- Which lots a spend drew on, so a void or refund puts the money back where it was.
    CREATE TABLE store_credit_lot_uses (
      entry_id uuid NOT NULL REFERENCES store_credit_entries (id),
      lot_id uuid NOT NULL REFERENCES store_credit_lots (id),
      amount bigint NOT NULL CHECK (amount > 0),
      PRIMARY KEY (entry_id, lot_id)
    );

    -- Selling a gift card or store credit is a line that is a liability, not revenue.
    ALTER TABLE sale_lines
      ADD COLUMN kind text NOT NULL DEFAULT 'product'
        CHECK (kind IN ('product', 'gift_card', 'store_credit')),
      ADD COLUMN gift_card_id uuid REFERENCES gift_cards (id);
    ALTER TABLE sales
      ADD COLUMN liability_total bigint NOT NULL DEFAULT 0,
      ADD COLUMN voided_at timestamptz,
      -- Checked at commit: the sale is marked voided before its void record is written.
      ADD COLUMN voided_by_sale_id uuid REFERENCES sales (id) DEFERRABLE INITIALLY DEFERRED;

    ALTER TABLE sale_tenders DROP CONSTRAINT sale_tenders_kind_check;
    ALTER TABLE sale_tenders
      ADD CONSTRAINT sale_tenders_kind_check
        CHECK (kind IN ('cash', 'card', 'external', 'exchange', 'gift_card', 'store_credit')),
      ADD COLUMN gift_card_id uuid REFERENCES gift_cards (id),
      ADD COLUMN store_credit_account_id uuid REFERENCES store_credit_accounts (id);
    CREATE INDEX sale_tenders_gift_card ON sale_tenders (gift_card_id) WHERE gift_card_id IS NOT NULL;
  `.execute(db);
}
