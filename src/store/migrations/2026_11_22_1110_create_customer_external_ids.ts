import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A customer as another system numbers them (an imported history, an old POS),
    -- so re-running an import finds the same customer instead of making a new one.
    CREATE TABLE customer_external_ids (
      source text NOT NULL,
      external_id text NOT NULL,
      customer_id uuid NOT NULL REFERENCES customers (id),
      PRIMARY KEY (source, external_id)
    );
    CREATE INDEX customer_external_ids_customer ON customer_external_ids (customer_id);
  `.execute(db);
}
