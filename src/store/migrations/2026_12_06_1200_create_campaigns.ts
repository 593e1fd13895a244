import { sql, type Kysely } from 'kysely';

/**
 * Email campaigns (issue 14) and their recipients. The recipient rows are also the
 * sender's outbox: a pending row is a message still owed, drained with
 * `FOR UPDATE SKIP LOCKED`, and marked sent only once the SMTP server accepted it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE campaigns (
      id uuid PRIMARY KEY,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
      segment_id uuid NOT NULL REFERENCES customer_segments (id),
      subject_source text NOT NULL,
      html_source text NOT NULL,
      text_source text NOT NULL,
      -- The compiled template (literal pieces and merge-field slots), made once on save.
      compiled jsonb NOT NULL,
      state text NOT NULL DEFAULT 'draft'
        CHECK (state IN ('draft', 'scheduled', 'sending', 'paused', 'cancelled', 'finished')),
      scheduled_at timestamptz,
      -- Set once every recipient row exists (the segment was evaluated); null before.
      started_at timestamptz,
      finished_at timestamptz,
      -- Share held back as the control group, in basis points (1000 = 10%).
      control_share_bp integer NOT NULL DEFAULT 1000
        CHECK (control_share_bp BETWEEN 0 AND 5000),
      created_by_staff_id uuid REFERENCES staff (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX campaigns_due ON campaigns (scheduled_at) WHERE state = 'scheduled';

    CREATE TABLE campaign_recipients (
      id uuid PRIMARY KEY,
      campaign_id uuid NOT NULL REFERENCES campaigns (id),
      customer_id uuid NOT NULL REFERENCES customers (id),
      state text NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'sent', 'failed', 'skipped', 'control')),
      -- Why skipped or failed: a stable code such as consent_withdrawn, suppressed, smtp_550.
      reason text,
      -- The consent record the decision relied on (sent, or skipped because of it).
      consent_record_id uuid REFERENCES consent_records (id),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      -- A sender has taken the row until then: it is the one message in flight.
      claimed_until timestamptz,
      sent_at timestamptz,
      smtp_message_id text,
      smtp_response text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (campaign_id, customer_id)
    );
    -- The sender's queue: only rows still owed are indexed.
    CREATE INDEX campaign_recipients_outbox ON campaign_recipients (campaign_id, next_attempt_at)
      WHERE state = 'pending';
    CREATE INDEX campaign_recipients_customer ON campaign_recipients (customer_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE campaign_recipients; DROP TABLE campaigns;`.execute(db);
}
