import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The first answer to each (caller, Idempotency-Key): a retry gets it back, the same
    -- key with another request gets a conflict. response_status is null while in flight.
    CREATE TABLE idempotency_keys (
      scope text NOT NULL,
      key text NOT NULL,
      request_hash bytea NOT NULL,
      response_status integer,
      response_body text,
      response_type text,
      created_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz,
      PRIMARY KEY (scope, key)
    );
    CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
  `.execute(db);
}
