import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The register of data-subject requests (GDPR arts. 15, 17, 20, 21): who asked, when,
    -- by when it must be answered (one calendar month, computed by the domain) and when it
    -- was done. A row is never deleted: it is the shop's proof that it answered in time.
    -- The staff columns are null when an API key or the system acted.
    CREATE TABLE rights_requests (
      id uuid PRIMARY KEY,
      customer_id uuid NOT NULL REFERENCES customers (id),
      kind text NOT NULL CHECK (kind IN ('export', 'erasure', 'objection')),
      requested_at timestamptz NOT NULL,
      requested_by text NOT NULL CHECK (char_length(requested_by) BETWEEN 1 AND 200),
      received_by_staff_id uuid REFERENCES staff (id),
      due_at timestamptz NOT NULL CHECK (due_at > requested_at),
      done_at timestamptz,
      done_by_staff_id uuid REFERENCES staff (id),
      outcome text CHECK (char_length(outcome) BETWEEN 1 AND 500),
      note text CHECK (char_length(note) <= 500),
      idempotency_key text NOT NULL UNIQUE,
      -- Done means an outcome was written with it, and only then.
      CHECK ((done_at IS NULL) = (outcome IS NULL))
    );
    -- The back office lists the open ones, soonest due first.
    CREATE INDEX rights_requests_open_due ON rights_requests (due_at) WHERE done_at IS NULL;
    CREATE INDEX rights_requests_customer ON rights_requests (customer_id, requested_at);
  `.execute(db);
}
