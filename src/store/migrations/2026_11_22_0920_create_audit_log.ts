import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE audit_log (
      id uuid PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      action text NOT NULL,
      actor_staff_id uuid REFERENCES staff (id),
      actor_api_key_id uuid REFERENCES api_keys (id),
      -- Who acted, as a label that survives the staff row (e.g. a failed sign-in's username).
      actor_label text NOT NULL,
      outlet_id uuid REFERENCES outlets (id),
      subject_type text,
      subject_id text,
      detail jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
    CREATE INDEX audit_log_action_at ON audit_log (action, at DESC);
    CREATE INDEX audit_log_subject ON audit_log (subject_id);

    -- The audit log is append-only, whatever the application does.
    CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
    END $$;
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION forbid_change();
  `.execute(db);
}
