import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.ts';
import * as settingsAndOutlets from './migrations/2026_11_22_0900_create_settings_and_outlets.ts';
import * as staffSessionsApiKeys from './migrations/2026_11_22_0910_create_staff_sessions_api_keys.ts';
import * as auditLog from './migrations/2026_11_22_0920_create_audit_log.ts';
import * as customers from './migrations/2026_11_22_0930_create_customers.ts';
import * as customerNameSearch from './migrations/2026_11_22_0940_create_customer_name_search.ts';
import * as consentRecords from './migrations/2026_11_22_0950_create_consent_records.ts';
import * as idempotencyKeys from './migrations/2026_11_22_1000_create_idempotency_keys.ts';
import * as catalogueAndSales from './migrations/2026_11_22_1100_create_catalogue_and_sales.ts';
import * as customerExternalIds from './migrations/2026_11_22_1110_create_customer_external_ids.ts';
import * as storedValue from './migrations/2026_11_22_1200_create_stored_value.ts';
import * as loyalty from './migrations/2026_11_22_1300_create_loyalty.ts';
import * as productNameTerms from './migrations/2026_12_01_0910_create_product_name_terms.ts';
import * as saleLineLoyaltyDiscounts from './migrations/2026_12_01_1000_add_sale_line_loyalty_discounts.ts';
import * as idempotencyClaimLeases from './migrations/2026_12_02_0900_add_idempotency_claim_leases.ts';
import * as backups from './migrations/2026_12_02_1100_create_backups.ts';
import * as rightsRequests from './migrations/2026_12_03_1300_create_rights_requests.ts';
import * as customerProfilingObjection from './migrations/2026_12_03_1200_add_customer_profiling_objection.ts';
import * as supportErasure from './migrations/2026_12_04_0900_support_erasure.ts';
import * as customerInsights from './migrations/2026_12_05_0900_create_customer_insights.ts';
import * as consentWordings from './migrations/2026_12_06_1000_create_consent_wordings.ts';
import * as customerInsightsRewrite from './migrations/2026_12_05_1000_tune_customer_insights_rewrite.ts';
import * as campaigns from './migrations/2026_12_06_1200_create_campaigns.ts';
import * as campaignPurpose from './migrations/2026_12_07_1000_add_campaign_purpose.ts';

/**
 * Migrations are listed here rather than read from disk so they travel inside the build;
 * the names are the dated file names and sort in the order they must run.
 */
const migrations: Record<string, Migration> = {
  '2026_11_22_0900_create_settings_and_outlets': settingsAndOutlets,
  '2026_11_22_0910_create_staff_sessions_api_keys': staffSessionsApiKeys,
  '2026_11_22_0920_create_audit_log': auditLog,
  '2026_11_22_0930_create_customers': customers,
  '2026_11_22_0940_create_customer_name_search': customerNameSearch,
  '2026_11_22_0950_create_consent_records': consentRecords,
  '2026_11_22_1000_create_idempotency_keys': idempotencyKeys,
  '2026_11_22_1100_create_catalogue_and_sales': catalogueAndSales,
  '2026_11_22_1110_create_customer_external_ids': customerExternalIds,
  '2026_11_22_1200_create_stored_value': storedValue,
  '2026_11_22_1300_create_loyalty': loyalty,
  '2026_12_01_0910_create_product_name_terms': productNameTerms,
  '2026_12_01_1000_add_sale_line_loyalty_discounts': saleLineLoyaltyDiscounts,
  '2026_12_02_0900_add_idempotency_claim_leases': idempotencyClaimLeases,
  '2026_12_02_1100_create_backups': backups,
  '2026_12_03_1200_add_customer_profiling_objection': customerProfilingObjection,
  '2026_12_03_1300_create_rights_requests': rightsRequests,
  '2026_12_04_0900_support_erasure': supportErasure,
  '2026_12_05_0900_create_customer_insights': customerInsights,
  '2026_12_06_1000_create_consent_wordings': consentWordings,
  '2026_12_05_1000_tune_customer_insights_rewrite': customerInsightsRewrite,
  '2026_12_06_1200_create_campaigns': campaigns,
  '2026_12_07_1000_add_campaign_purpose': campaignPurpose,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(
      `Migration ${failed?.migrationName ?? '(unknown)'} failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return (results ?? [])
    .filter((result) => result.status === 'Success')
    .map((r) => r.migrationName);
}

/** Migrations this version knows that the database has not run: none when it is current. */
export async function selectPendingMigrations(db: Db): Promise<string[]> {
  const known = await new Migrator({ db, provider }).getMigrations();
  return known.filter((migration) => migration.executedAt === undefined).map((m) => m.name);
}
