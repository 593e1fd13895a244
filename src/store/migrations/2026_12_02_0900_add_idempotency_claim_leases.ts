import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Who holds an unanswered key: claim_id names the request running it, lease_until says
    -- until when its server vouches for it (renewed while it runs). An unanswered key
    -- whose holder is gone is taken over by the retry instead of blocking it for a day.
    -- Keys left unanswered before this migration have neither and count as abandoned.
    ALTER TABLE idempotency_keys
      ADD COLUMN claim_id uuid,
      ADD COLUMN lease_until timestamptz;
  `.execute(db);
}
