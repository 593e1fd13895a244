import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- When the customer objected to profiling (GDPR art. 21); null = no objection. Every
    -- computed group, score, segment or campaign leaves out customers with a date here
    -- (src/store/profiling.ts has the one predicate they use).
    ALTER TABLE customers ADD COLUMN objects_to_profiling_at timestamptz;
  `.execute(db);
}
