import { sql, type Kysely } from 'kysely';

/**
 * What erasure (GDPR art. 17, services/customers/customer-erasure.ts) needs from the schema.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- When the customer was erased; set exactly when the status is 'erased'.
    ALTER TABLE customers ADD COLUMN erased_at timestamptz;
    ALTER TABLE customers ADD CONSTRAINT customers_erased_at_check
      CHECK ((status = 'erased') = (erased_at IS NOT NULL));

    -- Addresses that must never get marketing again, kept only as their blind index
    -- (the same keyed hash customer_lookups uses), so a campaign can check an address
    -- without the list holding any address in clear.
    CREATE TABLE marketing_suppressions (
      channel text NOT NULL CHECK (channel IN ('email', 'sms')),
      digest bytea NOT NULL,
      reason text NOT NULL CHECK (reason IN ('erased', 'unsubscribed', 'complaint', 'bounced')),
      added_at timestamptz NOT NULL,
      PRIMARY KEY (channel, digest)
    );

    -- Card numbers of erased customers. The link to the person is deleted; the number
    -- stays here so a scan says "erased" rather than "unknown card", and so the card is
    -- never linked to someone else.
    CREATE TABLE retired_cards (
      number text PRIMARY KEY,
      retired_at timestamptz NOT NULL
    );

    -- Consent records stay append-only, with two permitted updates: re-pointing them when
    -- customers merge, and, once the customer is erased, reducing each record to what the
    -- shop must keep as proof (channel, granted or withdrawn, when): the wording, source
    -- and who/where go.
    CREATE OR REPLACE FUNCTION consent_records_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      kept text[] := ARRAY['id', 'customer_id', 'channel', 'granted', 'recorded_at'];
    BEGIN
      IF TG_OP = 'UPDATE'
        AND NEW.wording = '(erased)' AND NEW.source = 'erased'
        AND NEW.staff_id IS NULL AND NEW.api_key_id IS NULL AND NEW.outlet_id IS NULL
        AND NEW.id = OLD.id AND NEW.customer_id = OLD.customer_id AND NEW.channel = OLD.channel
        AND NEW.granted = OLD.granted AND NEW.recorded_at = OLD.recorded_at
        AND EXISTS (SELECT 1 FROM customers WHERE id = NEW.customer_id AND status = 'erased') THEN
        RETURN NEW;
      END IF;
      IF TG_OP = 'DELETE' OR (to_jsonb(NEW) - 'customer_id') <> (to_jsonb(OLD) - 'customer_id') THEN
        RAISE EXCEPTION 'consent_records is append-only';
      END IF;
      RETURN NEW;
    END $$;
  `.execute(db);
}
