import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE settings (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE outlets (
      id uuid PRIMARY KEY,
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      time_zone text NOT NULL,
      settings jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE registers (
      id uuid PRIMARY KEY,
      outlet_id uuid NOT NULL REFERENCES outlets (id),
      code text NOT NULL,
      name text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      UNIQUE (outlet_id, code)
    );
  `.execute(db);
}
