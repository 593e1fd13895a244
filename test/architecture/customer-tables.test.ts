import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erasureOfCustomerTables } from '../../src/services/customers/customer-erasure.ts';
import { exportedCustomerTables } from '../../src/services/customers/customer-export.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { testDatabases } from '../support/databases.ts';

/**
 * DESIGN.md: every table with a customer_id takes part in the customer's export and in
 * erasure. The list of tables comes from the migrated database's own catalogue, so a
 * later feature's table cannot be forgotten: it fails here until the export and the
 * erasure each say what they do with it.
 */
describe.each(testDatabases())('tables holding a customer_id on $name', (database) => {
  let handle: DatabaseHandle;
  let tables: string[];

  beforeAll(async () => {
    handle = await database.open();
    const rows = await sql<{ table_name: string }>`
      SELECT c.table_name FROM information_schema.columns c
      JOIN information_schema.tables t
        ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND c.column_name = 'customer_id'
        AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name
    `.execute(handle.db);
    tables = rows.rows.map((row) => row.table_name);
  });
  afterAll(async () => handle.close());

  it('finds the tables (the catalogue query works)', () => {
    expect(tables).toContain('customer_contacts');
    expect(tables).toContain('sales');
  });

  it('has every one of them in the export', () => {
    const missing = tables.filter((table) => !(table in exportedCustomerTables));
    expect(missing, 'add them to exportedCustomerTables in customer-export.ts').toEqual([]);
  });

  it('has every one of them handled by erasure', () => {
    const missing = tables.filter((table) => !(table in erasureOfCustomerTables));
    expect(missing, 'add them to erasureOfCustomerTables in customer-erasure.ts').toEqual([]);
  });

  it('names no table that does not exist (the lists do not go stale)', () => {
    const named = [...Object.keys(exportedCustomerTables), ...Object.keys(erasureOfCustomerTables)];
    expect(named.filter((table) => !tables.includes(table))).toEqual([]);
  });
});
