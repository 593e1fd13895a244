import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Program rules are versioned: a sale earns by the version in force when it was made.
    CREATE TABLE loyalty_rule_versions (
      version integer PRIMARY KEY,
      effective_from timestamptz NOT NULL,
      rules jsonb NOT NULL,
      created_by_staff_id uuid REFERENCES staff (id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX loyalty_rule_versions_from ON loyalty_rule_versions (effective_from DESC);

    CREATE TABLE loyalty_promotions (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('multiplier', 'bonus')),
      -- Multiplier in basis points (20000 = double points), or a fixed bonus.
      multiplier_bp integer CHECK (multiplier_bp IS NULL OR multiplier_bp > 10000),
      bonus_points integer CHECK (bonus_points IS NULL OR bonus_points > 0),
      categories text[] NOT NULL DEFAULT '{}',
      min_spend bigint NOT NULL DEFAULT 0 CHECK (min_spend >= 0),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at > starts_at),
      CHECK ((kind = 'multiplier' AND multiplier_bp IS NOT NULL) OR (kind = 'bonus' AND bonus_points IS NOT NULL))
    );
    CREATE INDEX loyalty_promotions_window ON loyalty_promotions (starts_at, ends_at) WHERE active;

    CREATE TABLE loyalty_rewards (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      points_cost integer NOT NULL CHECK (points_cost > 0),
      kind text NOT NULL CHECK (kind IN ('amount_off', 'percent_off', 'free_product')),
      amount bigint CHECK (amount IS NULL OR amount > 0),
      percent_bp integer CHECK (percent_bp IS NULL OR percent_bp BETWEEN 1 AND 10000),
      product_sku text,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    -- A customer's points: the row holds the balance, changed only with its event.
    CREATE TABLE loyalty_accounts (
      customer_id uuid PRIMARY KEY REFERENCES customers (id),
      balance bigint NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE loyalty_events (
      id uuid PRIMARY KEY,
      customer_id uuid NOT NULL REFERENCES customers (id),
      kind text NOT NULL CHECK (kind IN ('ACCUMULATE', 'PROMOTION', 'SIGNUP_BONUS', 'REDEEM',
        'ADJUST', 'EXPIRE', 'REVERSE')),
      points bigint NOT NULL,
      balance_after bigint NOT NULL,
      sale_id uuid REFERENCES sales (id),
      rule_version integer REFERENCES loyalty_rule_versions (version),
      promotion_id uuid REFERENCES loyalty_promotions (id),
      reward_id uuid REFERENCES loyalty_rewards (id),
      reason_code text,
      reason text,
      staff_id uuid REFERENCES staff (id),
      approved_by_staff_id uuid REFERENCES staff (id),
      -- How the points were worked out, for the "explain" view.
      details jsonb NOT NULL DEFAULT '{}',
      idempotency_key text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX loyalty_events_customer ON loyalty_events (customer_id, created_at, id);
    CREATE INDEX loyalty_events_sale ON loyalty_events (sale_id) WHERE sale_id IS NOT NULL;

    -- Earned points in lots, each expiring at the end of a month; spending takes the
    -- soonest first. The lots' remaining points add up to the balance when it is positive.
    CREATE TABLE loyalty_lots (
      id uuid PRIMARY KEY,
      customer_id uuid NOT NULL REFERENCES customers (id),
      event_id uuid NOT NULL REFERENCES loyalty_events (id),
      points bigint NOT NULL CHECK (points > 0),
      remaining bigint NOT NULL CHECK (remaining >= 0 AND remaining <= points),
      expires_at timestamptz,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX loyalty_lots_open ON loyalty_lots (customer_id, expires_at) WHERE remaining > 0;
    CREATE INDEX loyalty_lots_expiring ON loyalty_lots (expires_at) WHERE remaining > 0 AND expires_at IS NOT NULL;

    CREATE TABLE customer_groups (
      id uuid PRIMARY KEY,
      name text NOT NULL UNIQUE,
      kind text NOT NULL CHECK (kind IN ('manual', 'rule')),
      rule jsonb,
      discount_bp integer NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
      earn_multiplier_bp integer NOT NULL DEFAULT 10000 CHECK (earn_multiplier_bp >= 10000),
      active boolean NOT NULL DEFAULT true,
      recomputed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((kind = 'rule') = (rule IS NOT NULL))
    );

    CREATE TABLE customer_group_members (
      group_id uuid NOT NULL REFERENCES customer_groups (id),
      customer_id uuid NOT NULL REFERENCES customers (id),
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (group_id, customer_id)
    );
    CREATE INDEX customer_group_members_customer ON customer_group_members (customer_id);

    -- What a sale did for loyalty, for receipts, returns and the explain view.
    ALTER TABLE sales
      ADD COLUMN group_id uuid REFERENCES customer_groups (id),
      ADD COLUMN group_discount_total bigint NOT NULL DEFAULT 0,
      ADD COLUMN reward_id uuid REFERENCES loyalty_rewards (id),
      ADD COLUMN reward_discount_total bigint NOT NULL DEFAULT 0,
      ADD COLUMN points_earned bigint NOT NULL DEFAULT 0,
      ADD COLUMN points_redeemed bigint NOT NULL DEFAULT 0;
    -- Each line's share of the points the sale earned and spent, so returning some of its
    -- units takes back (and gives back) exactly their share, once.
    ALTER TABLE sale_lines
      ADD COLUMN points_earned bigint NOT NULL DEFAULT 0,
      ADD COLUMN points_redeemed bigint NOT NULL DEFAULT 0;
  `.execute(db);
}
