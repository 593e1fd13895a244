import { sql } from 'kysely';
import type { Db } from './database.ts';
import type { SaleLinesTable, SalesTable, SaleTendersTable } from './schema.ts';

type SaleRow = Omit<SalesTable, 'completed_at' | 'created_at'> & { completed_at: Date };

export type SaleKind = 'sale' | 'return';

export type SaleRecord = {
  id: string;
  kind: SaleKind;
  number: string;
  outletId: string;
  registerId: string | null;
  staffId: string | null;
  apiKeyId: string | null;
  customerId: string | null;
  currency: string;
  pricingMode: 'tax_inclusive' | 'tax_exclusive';
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  total: number;
  originalSaleId: string | null;
  exchangeId: string | null;
  reason: string | null;
  approvedByStaffId: string | null;
  source: string;
  externalRef: string | null;
  idempotencyKey: string | null;
  requestHash: Buffer | null;
  completedAt: Date;
};

export type SaleLineRecord = {
  id: string;
  saleId: string;
  lineNo: number;
  customerId: string | null;
  productId: string | null;
  sku: string;
  name: string;
  category: string | null;
  brand: string | null;
  size: string | null;
  colour: string | null;
  quantity: number;
  unitPrice: number;
  discount: number;
  taxRateBp: number;
  tax: number;
  total: number;
  returnedQuantity: number;
  originalLineId: string | null;
};

export type SaleTenderRecord = {
  id: string;
  saleId: string;
  position: number;
  kind: 'cash' | 'card' | 'external' | 'exchange';
  amount: number;
  received: number | null;
  change: number | null;
  reference: string | null;
  refundOfSaleId: string | null;
};

export type StoredSale = SaleRecord & { lines: SaleLineRecord[]; tenders: SaleTenderRecord[] };

/** Draws the next number of a counter (a register, or an outlet's integration channel). */
export async function nextSaleNumber(db: Db, counterKey: string): Promise<number> {
  const row = await db
    .insertInto('sale_number_counters')
    .values({ counter_key: counterKey, last_number: 1 })
    .onConflict((conflict) =>
      conflict
        .column('counter_key')
        .doUpdateSet({ last_number: sql`sale_number_counters.last_number + 1` }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return Number(row.last_number);
}

function saleColumns(sale: SaleRecord) {
  return {
    id: sale.id,
    kind: sale.kind,
    number: sale.number,
    outlet_id: sale.outletId,
    register_id: sale.registerId,
    staff_id: sale.staffId,
    api_key_id: sale.apiKeyId,
    customer_id: sale.customerId,
    currency: sale.currency,
    pricing_mode: sale.pricingMode,
    subtotal: sale.subtotal,
    discount_total: sale.discountTotal,
    tax_total: sale.taxTotal,
    total: sale.total,
    original_sale_id: sale.originalSaleId,
    exchange_id: sale.exchangeId,
    reason: sale.reason,
    approved_by_staff_id: sale.approvedByStaffId,
    source: sale.source,
    external_ref: sale.externalRef,
    idempotency_key: sale.idempotencyKey,
    request_hash: sale.requestHash,
    completed_at: sale.completedAt,
    created_at: sale.completedAt,
  };
}

export async function insertSale(db: Db, sale: StoredSale): Promise<void> {
  await db.insertInto('sales').values(saleColumns(sale)).execute();
  if (sale.lines.length > 0) {
    await db
      .insertInto('sale_lines')
      .values(
        sale.lines.map((line): Omit<SaleLinesTable, 'returned_quantity'> => ({
          id: line.id,
          sale_id: sale.id,
          line_no: line.lineNo,
          customer_id: line.customerId,
          product_id: line.productId,
          sku: line.sku,
          name: line.name,
          category: line.category,
          brand: line.brand,
          size: line.size,
          colour: line.colour,
          quantity: line.quantity,
          unit_price: line.unitPrice,
          discount: line.discount,
          tax_rate_bp: line.taxRateBp,
          tax: line.tax,
          total: line.total,
          original_line_id: line.originalLineId,
        })),
      )
      .execute();
  }
  if (sale.tenders.length > 0) {
    await db
      .insertInto('sale_tenders')
      .values(
        sale.tenders.map((tender): SaleTendersTable => ({
          id: tender.id,
          sale_id: sale.id,
          position: tender.position,
          kind: tender.kind,
          amount: tender.amount,
          received: tender.received,
          change: tender.change,
          reference: tender.reference,
          refund_of_sale_id: tender.refundOfSaleId,
        })),
      )
      .execute();
  }
}

function toSaleRecord(row: SaleRow): SaleRecord {
  return {
    id: row.id,
    kind: row.kind,
    number: row.number,
    outletId: row.outlet_id,
    registerId: row.register_id,
    staffId: row.staff_id,
    apiKeyId: row.api_key_id,
    customerId: row.customer_id,
    currency: row.currency,
    pricingMode: row.pricing_mode,
    subtotal: row.subtotal,
    discountTotal: row.discount_total,
    taxTotal: row.tax_total,
    total: row.total,
    originalSaleId: row.original_sale_id,
    exchangeId: row.exchange_id,
    reason: row.reason,
    approvedByStaffId: row.approved_by_staff_id,
    source: row.source,
    externalRef: row.external_ref,
    idempotencyKey: row.idempotency_key,
    requestHash: row.request_hash,
    completedAt: row.completed_at,
  };
}

function toLineRecord(
  row: Omit<SaleLinesTable, 'returned_quantity'> & { returned_quantity: number },
): SaleLineRecord {
  return {
    id: row.id,
    saleId: row.sale_id,
    lineNo: row.line_no,
    customerId: row.customer_id,
    productId: row.product_id,
    sku: row.sku,
    name: row.name,
    category: row.category,
    brand: row.brand,
    size: row.size,
    colour: row.colour,
    quantity: row.quantity,
    unitPrice: row.unit_price,
    discount: row.discount,
    taxRateBp: row.tax_rate_bp,
    tax: row.tax,
    total: row.total,
    returnedQuantity: row.returned_quantity,
    originalLineId: row.original_line_id,
  };
}

const saleSelect = [
  'id',
  'kind',
  'number',
  'outlet_id',
  'register_id',
  'staff_id',
  'api_key_id',
  'customer_id',
  'currency',
  'pricing_mode',
  'subtotal',
  'discount_total',
  'tax_total',
  'total',
  'original_sale_id',
  'exchange_id',
  'reason',
  'approved_by_staff_id',
  'source',
  'external_ref',
  'idempotency_key',
  'request_hash',
  'completed_at',
] as const;

/** Loads sales with their lines and tenders, in the order of `ids`. */
export async function selectSalesByIds(db: Db, ids: string[]): Promise<StoredSale[]> {
  if (ids.length === 0) return [];
  const [sales, lines, tenders] = await Promise.all([
    db.selectFrom('sales').select(saleSelect).where('id', 'in', ids).execute(),
    db
      .selectFrom('sale_lines')
      .selectAll()
      .where('sale_id', 'in', ids)
      .orderBy('line_no')
      .execute(),
    db
      .selectFrom('sale_tenders')
      .selectAll()
      .where('sale_id', 'in', ids)
      .orderBy('position')
      .execute(),
  ]);
  const byId = new Map(sales.map((row) => [row.id, toSaleRecord(row)]));
  return ids.flatMap((id) => {
    const sale = byId.get(id);
    if (!sale) return [];
    return [
      {
        ...sale,
        lines: lines.filter((line) => line.sale_id === id).map(toLineRecord),
        tenders: tenders
          .filter((tender) => tender.sale_id === id)
          .map((tender) => ({
            id: tender.id,
            saleId: tender.sale_id,
            position: tender.position,
            kind: tender.kind,
            amount: tender.amount,
            received: tender.received,
            change: tender.change,
            reference: tender.reference,
            refundOfSaleId: tender.refund_of_sale_id,
          })),
      },
    ];
  });
}

export async function findSaleIdByIdempotencyKey(
  db: Db,
  key: string,
): Promise<{ id: string; requestHash: Buffer | null } | undefined> {
  const row = await db
    .selectFrom('sales')
    .select(['id', 'request_hash'])
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return row ? { id: row.id, requestHash: row.request_hash } : undefined;
}

export async function findSaleIdByNumber(
  db: Db,
  number: string,
  preferOutletId?: string,
): Promise<string | undefined> {
  const rows = await db
    .selectFrom('sales')
    .select(['id', 'outlet_id'])
    .where('number', '=', number)
    .execute();
  return (rows.find((row) => row.outlet_id === preferOutletId) ?? rows[0])?.id;
}

/**
 * Reads sold lines; with `lock`, for a return, so two registers returning one line
 * queue up (locked in id order, so they cannot deadlock).
 */
export async function selectSaleLines(
  db: Db,
  lineIds: string[],
  options: { lock?: boolean } = {},
): Promise<SaleLineRecord[]> {
  if (lineIds.length === 0) return [];
  let query = db.selectFrom('sale_lines').selectAll().where('id', 'in', lineIds).orderBy('id');
  if (options.lock) query = query.forUpdate();
  return (await query.execute()).map(toLineRecord);
}

/** Guarded: adds returned units only while they stay within what was sold. */
export async function addReturnedQuantity(db: Db, lineId: string, units: number): Promise<boolean> {
  const result = await db
    .updateTable('sale_lines')
    .set({ returned_quantity: sql`returned_quantity + ${units}` })
    .where('id', '=', lineId)
    .where(sql<boolean>`returned_quantity + ${units} <= quantity`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setSaleCustomer(
  db: Db,
  saleId: string,
  customerId: string | null,
): Promise<void> {
  await db.updateTable('sales').set({ customer_id: customerId }).where('id', '=', saleId).execute();
  await db
    .updateTable('sale_lines')
    .set({ customer_id: customerId })
    .where('sale_id', '=', saleId)
    .execute();
}

export async function moveCustomerSales(
  db: Db,
  fromCustomerId: string,
  toCustomerId: string,
): Promise<void> {
  await db
    .updateTable('sales')
    .set({ customer_id: toCustomerId })
    .where('customer_id', '=', fromCustomerId)
    .execute();
  await db
    .updateTable('sale_lines')
    .set({ customer_id: toCustomerId })
    .where('customer_id', '=', fromCustomerId)
    .execute();
}

/** A customer's sales and returns, newest first, paged by (completed_at, id). */
export async function selectCustomerSaleIds(
  db: Db,
  customerId: string,
  page: { before?: { completedAt: Date; id: string }; limit: number },
): Promise<string[]> {
  let query = db.selectFrom('sales').select('id').where('customer_id', '=', customerId);
  if (page.before) {
    const { completedAt, id } = page.before;
    query = query.where(sql<boolean>`(completed_at, id) < (${completedAt}, ${id}::uuid)`);
  }
  const rows = await query
    .orderBy('completed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .execute();
  return rows.map((row) => row.id);
}

export type PurchaseStats = {
  lifetimeSpend: number;
  visits: number;
  returns: number;
  lastVisit: Date | null;
  firstVisit: Date | null;
};

export async function selectPurchaseStats(db: Db, customerId: string): Promise<PurchaseStats> {
  const row = await db
    .selectFrom('sales')
    .select([
      sql<number>`coalesce(sum(total), 0)`.as('spend'),
      sql<number>`count(*) FILTER (WHERE kind = 'sale')`.as('visits'),
      sql<number>`count(*) FILTER (WHERE kind = 'return')`.as('returns'),
      sql<Date | null>`max(completed_at) FILTER (WHERE kind = 'sale')`.as('last_visit'),
      sql<Date | null>`min(completed_at) FILTER (WHERE kind = 'sale')`.as('first_visit'),
    ])
    .where('customer_id', '=', customerId)
    .executeTakeFirstOrThrow();
  return {
    lifetimeSpend: Number(row.spend),
    visits: Number(row.visits),
    returns: Number(row.returns),
    lastVisit: row.last_visit ? new Date(row.last_visit) : null,
    firstVisit: row.first_visit ? new Date(row.first_visit) : null,
  };
}

export type Favourite = { key: string; label: string; quantity: number; spend: number };

/** Net units and spend per item, brand or size over a customer's lines (returns subtract). */
export async function selectFavourites(
  db: Db,
  customerId: string,
  by: 'sku' | 'brand' | 'size',
  limit: number,
): Promise<Favourite[]> {
  const key = by === 'sku' ? sql.ref('sku') : by === 'brand' ? sql.ref('brand') : sql.ref('size');
  const label = by === 'sku' ? sql`max(name)` : key;
  const rows = await sql<{ key: string; label: string; quantity: number; spend: number }>`
    SELECT ${key} AS key, ${label} AS label, sum(quantity) AS quantity, sum(total) AS spend
    FROM sale_lines
    WHERE customer_id = ${customerId} AND ${key} IS NOT NULL
    GROUP BY ${key}
    HAVING sum(quantity) > 0
    ORDER BY sum(quantity) DESC, sum(total) DESC, ${key}
    LIMIT ${limit}
  `.execute(db);
  return rows.rows.map((row) => ({
    key: row.key,
    label: row.label,
    quantity: Number(row.quantity),
    spend: Number(row.spend),
  }));
}

/** What has already gone back to each tender kind of these sales, as positive amounts. */
export async function selectRefundedByTender(
  db: Db,
  saleIds: string[],
): Promise<{ saleId: string; kind: string; refunded: number }[]> {
  if (saleIds.length === 0) return [];
  const rows = await db
    .selectFrom('sale_tenders')
    .select(['refund_of_sale_id', 'kind', sql<number>`-sum(amount)`.as('refunded')])
    .where('refund_of_sale_id', 'in', saleIds)
    .groupBy(['refund_of_sale_id', 'kind'])
    .execute();
  return rows.map((row) => ({
    saleId: row.refund_of_sale_id!,
    kind: row.kind,
    refunded: Number(row.refunded),
  }));
}

/** Which of these external references were already imported from `source`. */
export async function selectImportedRefs(
  db: Db,
  source: string,
  refs: string[],
): Promise<Set<string>> {
  if (refs.length === 0) return new Set();
  const rows = await db
    .selectFrom('sales')
    .select('external_ref')
    .where('source', '=', source)
    .where('external_ref', 'in', refs)
    .execute();
  return new Set(rows.map((row) => row.external_ref!));
}
