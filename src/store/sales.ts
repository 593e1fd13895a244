import type { Points } from '../domain/units.ts';
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from './database.ts';
import type { SaleLineRecord, SaleRecord, StoredSale } from './sale-types.ts';
import type { SaleLinesTable, SalesTable, SaleTendersTable } from './schema.ts';

export type {
  SaleKind,
  SaleLineRecord,
  SaleRecord,
  SaleTenderRecord,
  StoredSale,
} from './sale-types.ts';
export { withoutLoyalty } from './sale-types.ts';

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
    liability_total: sale.liabilityTotal,
    group_id: sale.groupId,
    group_discount_total: sale.groupDiscountTotal,
    reward_id: sale.rewardId,
    reward_discount_total: sale.rewardDiscountTotal,
    points_earned: sale.pointsEarned,
    points_redeemed: sale.pointsRedeemed,
  };
}

export async function insertSale(db: Db, sale: StoredSale): Promise<void> {
  await db.insertInto('sales').values(saleColumns(sale)).execute();
  if (sale.lines.length > 0) {
    await db
      .insertInto('sale_lines')
      .values(
        sale.lines.map((line): Insertable<SaleLinesTable> => ({
          kind: line.kind,
          gift_card_id: line.giftCardId,
          points_earned: line.pointsEarned,
          points_redeemed: line.pointsRedeemed,
          group_discount: line.groupDiscount,
          reward_discount: line.rewardDiscount,
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
          gift_card_id: tender.giftCardId,
          store_credit_account_id: tender.storeCreditAccountId,
        })),
      )
      .execute();
  }
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
  'liability_total',
  'voided_at',
  'group_id',
  'group_discount_total',
  'reward_id',
  'reward_discount_total',
  'points_earned',
  'points_redeemed',
] as const;

type SaleRow = Pick<Selectable<SalesTable>, (typeof saleSelect)[number]>;

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
    liabilityTotal: row.liability_total,
    voidedAt: row.voided_at,
    groupId: row.group_id,
    groupDiscountTotal: row.group_discount_total,
    rewardId: row.reward_id,
    rewardDiscountTotal: row.reward_discount_total,
    pointsEarned: row.points_earned,
    pointsRedeemed: row.points_redeemed,
  };
}

function toLineRecord(row: Selectable<SaleLinesTable>): SaleLineRecord {
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
    kind: row.kind,
    giftCardId: row.gift_card_id,
    pointsEarned: row.points_earned,
    pointsRedeemed: row.points_redeemed,
    groupDiscount: row.group_discount,
    rewardDiscount: row.reward_discount,
  };
}

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
            giftCardId: tender.gift_card_id,
            storeCreditAccountId: tender.store_credit_account_id,
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

/** Locks the sale's row to the end of the transaction: attaching and detaching queue on it. */
export async function lockSale(db: Db, saleId: string): Promise<void> {
  await db.selectFrom('sales').select('id').where('id', '=', saleId).forUpdate().execute();
}

/** The returns and voids made against a sale (they follow it to its customer). */
export async function selectReturnIdsOfSale(db: Db, saleId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('sales')
    .select('id')
    .where('original_sale_id', '=', saleId)
    .where('kind', '=', 'return')
    .execute();
  return rows.map((row) => row.id);
}

/** The points a sale and each of its lines earn their customer (0 when it has none). */
export async function updateSalePointsEarned(
  db: Db,
  sale: { id: string; pointsEarned: Points; lines: { id: string; pointsEarned: Points }[] },
): Promise<void> {
  await db
    .updateTable('sales')
    .set({ points_earned: sale.pointsEarned })
    .where('id', '=', sale.id)
    .execute();
  for (const line of sale.lines) {
    await db
      .updateTable('sale_lines')
      .set({ points_earned: line.pointsEarned })
      .where('id', '=', line.id)
      .execute();
  }
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

/**
 * What has already gone back to each tender of these sales, as positive amounts. A tender
 * is told apart from others of its kind by its gift card, account or terminal reference.
 */
export async function selectRefundedByTender(
  db: Db,
  saleIds: string[],
): Promise<{ saleId: string; kind: string; tenderKey: string; refunded: number }[]> {
  if (saleIds.length === 0) return [];
  const rows = await sql<{ sale_id: string; kind: string; tender_key: string; refunded: number }>`
    SELECT refund_of_sale_id AS sale_id, kind,
      coalesce(gift_card_id::text, store_credit_account_id::text, reference, '') AS tender_key,
      -sum(amount) AS refunded
    FROM sale_tenders
    WHERE refund_of_sale_id IN (${sql.join(saleIds)})
    GROUP BY 1, 2, 3
  `.execute(db);
  return rows.rows.map((row) => ({
    saleId: row.sale_id,
    kind: row.kind,
    tenderKey: row.tender_key,
    refunded: Number(row.refunded),
  }));
}

/** The numbers printed on these sales' receipts, by sale id. */
export async function selectSaleNumbers(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('sales')
    .select(['id', 'number'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((row) => [row.id, row.number]));
}

/** Marks a sale voided by `voidSaleId`; false when it already was. */
export async function markSaleVoided(
  db: Db,
  saleId: string,
  voidSaleId: string,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('sales')
    .set({ voided_at: at, voided_by_sale_id: voidSaleId })
    .where('id', '=', saleId)
    .where('voided_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
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
