import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { minor, points } from '../../domain/units.ts';
import { customerExportCsvFiles } from './customer-export-csv.ts';
import type { CustomerExportDocument, ExportedSale } from './customer-export-document.ts';
import { customerExportZip, customerExportZipName } from './customer-export-zip.ts';

const at = '2026-11-20T10:15:00.000Z';

function sale(number: string, kind: 'sale' | 'return', lines: number): ExportedSale {
  return {
    id: `id-${number}`,
    number,
    kind,
    completedAt: at,
    currency: 'GBP',
    subtotal: 1250 * lines,
    discountTotal: 0,
    taxTotal: 208 * lines,
    total: 1250 * lines,
    originalSaleId: kind === 'return' ? 'id-S-1' : null,
    reason: kind === 'return' ? 'too small' : null,
    voidedAt: null,
    pointsEarned: points(12),
    pointsRedeemed: points(0),
    lines: Array.from({ length: lines }, (_, index) => ({
      lineNo: index + 1,
      kind: 'product' as const,
      sku: `SKU-${index}`,
      name: `Shirt, "blue" ${index}`,
      category: 'tops',
      brand: 'Acme',
      size: 'M',
      colour: null,
      quantity: 1,
      unitPrice: 1250,
      discount: 0,
      tax: 208,
      total: 1250,
      returnedQuantity: 0,
      pointsEarned: points(12),
      pointsRedeemed: points(0),
    })),
    tenders: [{ kind: 'card' as const, amount: 1250 * lines }],
  };
}

const document: CustomerExportDocument = {
  schemaVersion: 1,
  exportedAt: '2026-12-01T06:00:00.000Z',
  controller: { name: 'Corner Shop Ltd', country: 'GB' },
  customer: {
    id: 'c-1',
    number: '100042',
    name: 'Erin Export',
    status: 'active',
    createdAt: at,
    updatedAt: at,
    preferences: { sizes: ['M', 'L'], brands: ['Acme'], interests: [] },
    notes: 'prefers the blue bags',
    objectsToProfilingAt: null,
    externalIds: [{ source: 'webshop', externalId: 'W-9' }],
  },
  contacts: {
    phone: '+447911123456',
    email: 'erin@example.org',
    address: { line1: '1 High St', city: 'Leeds', postcode: 'LS1 1AA', country: 'GB' },
    birthday: '1990-05-17',
  },
  cards: [
    { number: '2700000070011', status: 'active', linkedAt: at, endedAt: null, replacedBy: null },
  ],
  consents: [
    {
      channel: 'email',
      granted: true,
      wording: 'Yes, email me offers',
      at,
      source: 'till',
      staffName: 'Sam',
      outletName: 'High Street',
    },
  ],
  purchases: [sale('S-1', 'sale', 3), sale('S-2', 'sale', 2)],
  returns: [sale('R-1', 'return', 1)],
  giftCards: [
    {
      numberEnding: '1234',
      currency: 'GBP',
      state: 'active',
      balance: minor(500),
      activatedAt: at,
      expiresAt: null,
      activities: [
        {
          at,
          kind: 'ACTIVATE',
          amount: minor(2000),
          balanceAfter: minor(2000),
          saleId: null,
          reason: null,
        },
        {
          at,
          kind: 'REDEEM',
          amount: minor(-1500),
          balanceAfter: minor(500),
          saleId: 'id-S-2',
          reason: null,
        },
      ],
    },
  ],
  storeCredit: [
    {
      currency: 'GBP',
      balance: minor(1250),
      entries: [
        {
          at,
          kind: 'REFUND',
          amount: minor(1250),
          balanceAfter: minor(1250),
          expiresAt: null,
          saleId: 'id-R-1',
          reason: 'refund',
        },
      ],
    },
  ],
  points: {
    balance: points(36),
    events: [
      {
        at,
        kind: 'ACCUMULATE',
        points: points(36),
        balanceAfter: points(36),
        saleId: 'id-S-1',
        reason: null,
      },
    ],
  },
  groups: [{ id: 'g-1', name: 'Regulars', kind: 'rule', active: true, addedAt: at }],
  inferences: {
    scores: [{ name: 'rfm', value: { r: 5, f: 3 }, computedAt: at }],
    basis: [
      { groupId: 'g-1', groupName: 'Regulars', rule: { type: 'visits', minVisits: 2, days: 90 } },
    ],
  },
  changes: [{ at, kind: 'created', fields: { name: 'Erin Export' } }],
  requests: [
    {
      kind: 'export',
      requestedAt: at,
      requestedBy: 'email',
      dueAt: at,
      doneAt: null,
      outcome: null,
      note: null,
    },
  ],
  campaigns: [],
  audit: [
    {
      id: 'a-1',
      at,
      action: 'customer.revealed',
      actor: 'staff:sam',
      subjectType: 'customer',
      subjectId: 'c-1',
      detail: { reason: 'call back' },
    },
  ],
};

const rowsOf = (csv: string): Record<string, string>[] => parse(csv, { columns: true });
const fileOf = (doc: CustomerExportDocument, name: string) => {
  const file = customerExportCsvFiles(doc).find((each) => each.name === name);
  if (!file) throw new Error(`no ${name}`);
  return rowsOf(file.csv);
};

describe('the customer export as CSV files', () => {
  it('gives every section of the document a file with a header row', () => {
    const names = customerExportCsvFiles(document).map((file) => file.name);
    expect(names).toEqual([
      'customer.csv',
      'contacts.csv',
      'cards.csv',
      'consents.csv',
      'purchases.csv',
      'returns.csv',
      'tenders.csv',
      'gift_cards.csv',
      'gift_card_activities.csv',
      'store_credit.csv',
      'points.csv',
      'groups.csv',
      'inferences.csv',
      'changes.csv',
      'requests.csv',
      'campaigns.csv',
      'audit.csv',
    ]);
    for (const file of customerExportCsvFiles(document)) {
      expect(file.csv.split('\n')[0], file.name).not.toBe('');
    }
  });

  it('writes one row per sale line, with the sale, and amounts in minor units and formatted', () => {
    const purchases = fileOf(document, 'purchases.csv');
    const lines = document.purchases.flatMap((each) => each.lines);
    expect(purchases).toHaveLength(lines.length);
    expect(purchases.map((row) => row.sale_number)).toEqual(['S-1', 'S-1', 'S-1', 'S-2', 'S-2']);
    const minorSum = purchases.reduce((sum, row) => sum + Number(row.total_minor), 0);
    expect(minorSum).toBe(lines.reduce((sum, line) => sum + line.total, 0));
    expect(purchases[0]).toMatchObject({
      sale_completed_at: at,
      sale_total_minor: '3750',
      sale_total: '37.50',
      unit_price_minor: '1250',
      unit_price: '12.50',
      name: 'Shirt, "blue" 0',
      colour: '',
    });
    expect(fileOf(document, 'returns.csv')).toHaveLength(1);
    expect(fileOf(document, 'tenders.csv').map((row) => row.amount)).toEqual([
      '37.50',
      '25.00',
      '12.50',
    ]);
  });

  it('flattens the profile, the contacts and stored value so a person can read them', () => {
    const [customer] = fileOf(document, 'customer.csv');
    expect(customer).toMatchObject({
      number: '100042',
      preferred_sizes: 'M, L',
      notes: 'prefers the blue bags',
      external_ids: '[{"source":"webshop","externalId":"W-9"}]',
    });
    expect(fileOf(document, 'contacts.csv')[0]).toMatchObject({
      email: 'erin@example.org',
      address_postcode: 'LS1 1AA',
      address_line2: '',
      birthday: '1990-05-17',
    });
    expect(fileOf(document, 'gift_card_activities.csv')[1]).toMatchObject({
      card_number_ending: '1234',
      amount_minor: '-1500',
      amount: '-15.00',
      balance_after: '5.00',
    });
    expect(fileOf(document, 'store_credit.csv')[0]).toMatchObject({
      currency: 'GBP',
      amount: '12.50',
    });
    expect(fileOf(document, 'groups.csv')[0]?.active).toBe('true');
    expect(fileOf(document, 'inferences.csv').map((row) => row.section)).toEqual([
      'scores',
      'basis',
    ]);
    expect(fileOf(document, 'audit.csv')[0]?.detail).toBe('{"reason":"call back"}');
  });

  it('makes text a spreadsheet would run into plain text, and leaves numbers and phones', () => {
    const hostile = {
      ...document,
      customer: { ...document.customer, name: '=HYPERLINK("http://x","Erin")', notes: '@SUM(A1)' },
    };
    const [customer] = fileOf(hostile, 'customer.csv');
    expect(customer?.name).toBe(`'=HYPERLINK("http://x","Erin")`);
    expect(customer?.notes).toBe(`'@SUM(A1)`);
    expect(fileOf(hostile, 'contacts.csv')[0]?.phone).toBe('+447911123456');
    expect(fileOf(hostile, 'gift_card_activities.csv')[1]?.amount).toBe('-15.00');
  });

  it('keeps the header of an empty section', () => {
    const empty = { ...document, returns: [] };
    const returns = customerExportCsvFiles(empty).find((file) => file.name === 'returns.csv');
    expect(returns?.csv.trim().split('\n')).toHaveLength(1);
    expect(returns?.csv).toMatch(/^sale_id,sale_number,/);
  });

  it('does not lose fields or sections the mapping does not know yet', () => {
    const newer = {
      ...document,
      inferences: { ...document.inferences, segments: [{ name: 'loyal', since: at }] },
      customer: { ...document.customer, nickname: 'E' },
      wishlist: [{ sku: 'SKU-9', addedAt: at, tags: ['gift'] }],
    } as CustomerExportDocument;
    expect(fileOf(newer, 'customer.csv')[0]?.nickname).toBe('E');
    expect(fileOf(newer, 'inferences.csv')[2]).toMatchObject({ section: 'segments', since: at });
    expect(fileOf(newer, 'wishlist.csv')).toEqual([
      { sku: 'SKU-9', added_at: at, tags: '["gift"]' },
    ]);
  });

  it('zips the files with a README naming the controller, the time and the schema version', () => {
    const files = unzipSync(customerExportZip(document));
    expect(Object.keys(files).sort()).toEqual(
      ['README.txt', ...customerExportCsvFiles(document).map((file) => file.name)].sort(),
    );
    const readme = strFromU8(files['README.txt']!);
    expect(readme).toContain('Corner Shop Ltd (GB)');
    expect(readme).toContain('Exported at: 2026-12-01T06:00:00.000Z');
    expect(readme).toContain('Schema version: 1');
    expect(readme).toContain('Store credit: GBP 12.50');
    expect(rowsOf(strFromU8(files['purchases.csv']!))).toHaveLength(5);
    expect(customerExportZipName('100042')).toBe('customer-100042-export.zip');
    expect(customerExportZipName('1/2"')).toBe('customer-1_2_-export.zip');
  });
});
