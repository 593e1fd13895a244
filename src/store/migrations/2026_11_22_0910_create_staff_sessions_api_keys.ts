import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE staff (
      id uuid PRIMARY KEY,
      username text NOT NULL UNIQUE,
      display_name text NOT NULL,
      role text NOT NULL CHECK (role IN ('cashier', 'supervisor', 'marketer', 'admin', 'auditor')),
      password_hash text,
      pin_hash text,
      active boolean NOT NULL DEFAULT true,
      home_outlet_id uuid REFERENCES outlets (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    -- Only a digest of the session token is stored: a leaked table opens no sessions.
    CREATE TABLE sessions (
      token_hash bytea PRIMARY KEY,
      staff_id uuid NOT NULL REFERENCES staff (id),
      method text NOT NULL CHECK (method IN ('password', 'pin')),
      outlet_id uuid REFERENCES outlets (id),
      register_id uuid REFERENCES registers (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX sessions_staff_id ON sessions (staff_id);
    CREATE TABLE api_keys (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      role text NOT NULL CHECK (role IN ('cashier', 'supervisor', 'marketer', 'admin', 'auditor')),
      prefix text NOT NULL UNIQUE,
      secret_hash bytea NOT NULL,
      created_by_staff_id uuid REFERENCES staff (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    );
  `.execute(db);
}
