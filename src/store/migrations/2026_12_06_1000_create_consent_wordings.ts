import { sql, type Kysely } from 'kysely';

/**
 * Consent refresh (F18): each consent text is stored once, versioned per channel, and
 * consent records point to the version the customer was shown. The shop marks one
 * version per channel current; consent given under another one is stale.
 *
 * consent_records keeps its verbatim wording column: each record stays self-contained
 * proof of what was shown (the guard, erasure's reduction and the export read it), and
 * wording_id is the link that makes "which version" a comparison of ids.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The wording is the shop's text, not personal data: it is never erased.
    CREATE TABLE consent_wordings (
      id uuid PRIMARY KEY,
      channel text NOT NULL CHECK (channel IN ('email', 'sms')),
      version integer NOT NULL CHECK (version > 0),
      text text NOT NULL CHECK (length(text) > 0 AND length(text) <= 2000),
      current boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (channel, version)
    );
    -- A text is stored once per channel (md5: a 2000-character text can exceed a btree entry).
    CREATE UNIQUE INDEX consent_wordings_text ON consent_wordings (channel, md5(text));
    CREATE UNIQUE INDEX consent_wordings_current ON consent_wordings (channel) WHERE current;

    -- Every distinct wording already on record, numbered in the order it was first used.
    -- Erased records hold '(erased)', not a wording.
    INSERT INTO consent_wordings (id, channel, version, text, created_at)
    SELECT gen_random_uuid(), channel,
      row_number() OVER (PARTITION BY channel ORDER BY first_used, wording)::integer,
      wording, first_used
    FROM (
      SELECT channel, wording, min(recorded_at) AS first_used
      FROM consent_records WHERE source <> 'erased'
      GROUP BY channel, wording
    ) used;

    -- Until the shop chooses, the current wording is the one the latest consent was given under.
    UPDATE consent_wordings w SET current = true
    FROM (
      SELECT DISTINCT ON (channel) channel, wording FROM consent_records
      WHERE granted AND source <> 'erased'
      ORDER BY channel, recorded_at DESC, id DESC
    ) latest
    WHERE w.channel = latest.channel AND w.text = latest.wording;

    ALTER TABLE consent_records ADD COLUMN wording_id uuid REFERENCES consent_wordings (id);

    -- The one-off backfill bypasses the append-only guard; nothing else changes.
    ALTER TABLE consent_records DISABLE TRIGGER consent_records_append_only;
    UPDATE consent_records r SET wording_id = w.id
    FROM consent_wordings w
    WHERE w.channel = r.channel AND w.text = r.wording AND r.source <> 'erased';
    ALTER TABLE consent_records ENABLE TRIGGER consent_records_append_only;

    CREATE INDEX consent_records_wording ON consent_records (wording_id);

    -- As in 2026_12_04_0900, plus: erasure's reduction also drops the link to the wording,
    -- so a reduced record is exactly channel, granted or withdrawn, and time.
    CREATE OR REPLACE FUNCTION consent_records_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE'
        AND NEW.wording = '(erased)' AND NEW.source = 'erased' AND NEW.wording_id IS NULL
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
