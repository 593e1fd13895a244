import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE customers (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      name text NOT NULL,
      search_name text COLLATE "C" NOT NULL,
      preferences jsonb NOT NULL DEFAULT '{"sizes":[],"brands":[],"interests":[]}',
      notes text,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged', 'erased')),
      merged_into_id uuid REFERENCES customers (id),
      created_by_staff_id uuid REFERENCES staff (id),
      created_outlet_id uuid REFERENCES outlets (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CHECK ((status = 'merged') = (merged_into_id IS NOT NULL))
    );
    CREATE INDEX customers_list ON customers (status, search_name, id);
    CREATE INDEX customers_created_at ON customers (created_at);

    -- Personal data lives apart from the rest, encrypted under a per-customer key
    -- (wrapped by the master key). Deleting this row erases the person.
    CREATE TABLE customer_contacts (
      customer_id uuid PRIMARY KEY REFERENCES customers (id),
      wrapped_key bytea NOT NULL,
      phone bytea,
      email bytea,
      address bytea,
      birthday bytea,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- Blind indexes (HMAC of the normalised value) for exact look-ups. Not unique:
    -- two people may share a phone; creation warns and staff may merge.
    CREATE TABLE customer_lookups (
      kind text NOT NULL CHECK (kind IN ('phone', 'email', 'phone_ending')),
      digest bytea NOT NULL,
      customer_id uuid NOT NULL REFERENCES customers (id),
      PRIMARY KEY (kind, digest, customer_id)
    );
    CREATE INDEX customer_lookups_customer ON customer_lookups (customer_id);

    -- Pre-printed cards: the number is the key, so one card can never be on two customers.
    CREATE TABLE customer_cards (
      number text PRIMARY KEY,
      customer_id uuid NOT NULL REFERENCES customers (id),
      status text NOT NULL CHECK (status IN ('active', 'lost')),
      linked_at timestamptz NOT NULL DEFAULT now(),
      linked_by_staff_id uuid REFERENCES staff (id),
      ended_at timestamptz,
      replaced_by text REFERENCES customer_cards (number)
    );
    CREATE INDEX customer_cards_customer ON customer_cards (customer_id);

    CREATE TABLE customer_changes (
      id uuid PRIMARY KEY,
      customer_id uuid NOT NULL REFERENCES customers (id),
      at timestamptz NOT NULL DEFAULT now(),
      kind text NOT NULL,
      actor_staff_id uuid REFERENCES staff (id),
      actor_api_key_id uuid REFERENCES api_keys (id),
      outlet_id uuid REFERENCES outlets (id),
      -- Clear fields keep from/to; contact fields record only that they changed.
      fields jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX customer_changes_customer ON customer_changes (customer_id, at DESC, id DESC);
  `.execute(db);
}
