import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Marketing consent is a history, never overwritten: each record is what the
    -- customer agreed to (or withdrew), the exact wording shown, when, where and with whom.
    CREATE TABLE consent_records (
      id uuid PRIMARY KEY,
      customer_id uuid NOT NULL REFERENCES customers (id),
      channel text NOT NULL CHECK (channel IN ('email', 'sms')),
      granted boolean NOT NULL,
      wording text NOT NULL CHECK (length(wording) > 0),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      staff_id uuid REFERENCES staff (id),
      api_key_id uuid REFERENCES api_keys (id),
      outlet_id uuid REFERENCES outlets (id),
      source text NOT NULL
    );
    CREATE INDEX consent_records_customer ON consent_records (customer_id, channel, recorded_at DESC, id DESC);

    -- Append-only; the one permitted update is re-pointing records when customers merge.
    CREATE FUNCTION consent_records_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' OR (to_jsonb(NEW) - 'customer_id') <> (to_jsonb(OLD) - 'customer_id') THEN
        RAISE EXCEPTION 'consent_records is append-only';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER consent_records_append_only BEFORE UPDATE OR DELETE ON consent_records
      FOR EACH ROW EXECUTE FUNCTION consent_records_guard();
  `.execute(db);
}
