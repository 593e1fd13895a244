import { sql, type Kysely } from 'kysely';

/**
 * Customer insights (issue 13): one precomputed row of scores per customer, a record of
 * each recompute, stored segment definitions, and a blind index of the birthday's
 * month and day.
 *
 * double precision accepts 'NaN' and 'Infinity', and PostgreSQL sorts NaN above every
 * number (Infinity included). So a bounded check (`BETWEEN 0 AND 1`) already refuses both,
 * and an open-ended one is written `x >= 0 AND x < 'Infinity'`, which NaN fails as well:
 * a broken fit can never write a score that reads as a number.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE customer_insights (
      customer_id uuid PRIMARY KEY REFERENCES customers (id),
      computed_at timestamptz NOT NULL,
      model_version text NOT NULL,
      method text NOT NULL CHECK (method IN ('model', 'rule')),
      -- Days with a net purchase (one day's purchases count once).
      visit_days integer NOT NULL CHECK (visit_days >= 1),
      first_purchase_on date NOT NULL,
      last_purchase_on date NOT NULL CHECK (last_purchase_on >= first_purchase_on),
      -- Model outputs: null when the rule is in use.
      p_alive double precision CHECK (p_alive BETWEEN 0 AND 1),
      expected_90 double precision CHECK (expected_90 >= 0 AND expected_90 < 'Infinity'),
      expected_365 double precision CHECK (expected_365 >= 0 AND expected_365 < 'Infinity'),
      -- Expected spend over the next 12 months, minor units.
      value_12m bigint CHECK (value_12m >= 0),
      typical_gap_days double precision
        CHECK (typical_gap_days > 0 AND typical_gap_days < 'Infinity'),
      next_due_on date,
      -- What a year of their own pace would bring (mean spend per visit day × 365 / gap),
      -- times the chance they have gone (1 − p_alive; 1 under the rule): the lapsed
      -- list's order.
      value_at_risk bigint NOT NULL CHECK (value_at_risk >= 0),
      lapsed boolean NOT NULL,
      r_score smallint NOT NULL CHECK (r_score BETWEEN 1 AND 5),
      f_score smallint NOT NULL CHECK (f_score BETWEEN 1 AND 5),
      m_score smallint NOT NULL CHECK (m_score BETWEEN 1 AND 5),
      segment text NOT NULL CHECK (segment IN ('Champions', 'Loyal Customers',
        'Potential Loyalists', 'New Customers', 'Promising', 'Need Attention',
        'About To Sleep', 'At Risk', 'Can''t Lose Them', 'Hibernating', 'Lost')),
      -- Share of scored customers whose 12-month value is below this one's, 0 to 100.
      value_percentile double precision NOT NULL CHECK (value_percentile BETWEEN 0 AND 100),
      spend_12m bigint NOT NULL,
      visits_12m integer NOT NULL CHECK (visits_12m >= 0),
      -- The outlet of most of their visits, for the back office's outlet filter.
      home_outlet_id uuid REFERENCES outlets (id)
    );
    CREATE INDEX customer_insights_segment ON customer_insights (segment);
    CREATE INDEX customer_insights_value ON customer_insights (value_percentile DESC);
    CREATE INDEX customer_insights_lapsed ON customer_insights (customer_id) WHERE lapsed;

    CREATE TABLE insight_runs (
      id uuid PRIMARY KEY,
      started_at timestamptz NOT NULL,
      finished_at timestamptz NOT NULL,
      method text NOT NULL CHECK (method IN ('model', 'rule')),
      model_version text NOT NULL,
      -- The fitted parameters (r, alpha, a, b; p, q, gamma) when the model is in use.
      params jsonb,
      customers integer NOT NULL CHECK (customers >= 0),
      customers_with_purchase integer NOT NULL CHECK (customers_with_purchase >= 0),
      history_days integer NOT NULL CHECK (history_days >= 0),
      converged boolean,
      -- Why the rule is in use instead of the model; null when the model is.
      fallback_reason text,
      removed integer NOT NULL CHECK (removed >= 0),
      duration_ms integer NOT NULL CHECK (duration_ms >= 0),
      CHECK ((method = 'rule') = (fallback_reason IS NOT NULL))
    );
    CREATE INDEX insight_runs_started ON insight_runs (started_at DESC);

    -- Lists saved for campaigns: the filter is stored, the members are worked out when
    -- the segment is used, so a customer who objects later is never in it.
    CREATE TABLE customer_segments (
      id uuid PRIMARY KEY,
      name text NOT NULL UNIQUE,
      definition jsonb NOT NULL,
      created_by_staff_id uuid REFERENCES staff (id),
      created_at timestamptz NOT NULL
    );

    -- Birthdays stay sealed; 'birthday_md' is the keyed hash of the month and day, so
    -- "birthdays in the next N days" is N digests looked up in one query.
    ALTER TABLE customer_lookups DROP CONSTRAINT customer_lookups_kind_check;
    ALTER TABLE customer_lookups ADD CONSTRAINT customer_lookups_kind_check
      CHECK (kind IN ('phone', 'email', 'phone_ending', 'birthday_md'));
  `.execute(db);
}
