import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Why a campaign is sent (F18): 'marketing' reaches usable consent only; 'repermission'
    -- reaches consent that is given but stale, to ask for it again through a signed link.
    -- Campaigns made before purposes existed were marketing, so the default keeps them so.
    ALTER TABLE campaigns ADD COLUMN purpose text NOT NULL DEFAULT 'marketing'
      CHECK (purpose IN ('marketing', 'repermission'));
  `.execute(db);
}
