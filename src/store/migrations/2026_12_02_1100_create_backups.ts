import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One row per backup written (by hand, through the API, or the nightly job): the
    -- "last backup age" metric and the nightly job's "already done tonight?" read it.
    -- Written after the file is complete, so a row always names a whole backup.
    CREATE TABLE backups (
      id uuid PRIMARY KEY,
      taken_at timestamptz NOT NULL,
      kind text NOT NULL CHECK (kind IN ('pglite', 'postgres')),
      trigger text NOT NULL CHECK (trigger IN ('manual', 'nightly')),
      file text NOT NULL,
      size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
      duration_ms integer NOT NULL CHECK (duration_ms >= 0)
    );
    CREATE INDEX backups_taken_at ON backups (taken_at);
  `.execute(db);
}
