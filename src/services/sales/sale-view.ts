import type { TenderKind } from '../../domain/sales.ts';
import { selectOutlets, selectRegisters } from '../../store/outlets.ts';
import { selectCustomersByIds } from '../../store/customers.ts';
import type { Db } from '../../store/database.ts';
import {
  findSaleIdByNumber,
  selectSalesByIds,
  type SaleLineRecord,
  type StoredSale,
} from '../../store/sales.ts';
import { selectStaffNames } from '../../store/staff.ts';
import { selectGroupNames } from '../../store/customer-groups.ts';
import { selectRewards } from '../../store/loyalty-program.ts';
import { selectGiftCardActivitiesOfSales } from '../../store/gift-cards.ts';

/** A sale or return as the till, the receipt and the back office see it. */
export type SaleLineView = Omit<SaleLineRecord, 'saleId' | 'customerId' | 'giftCardId'> & {
  /** Units that may still be returned (0 on return lines). */
  returnable: number;
};

export type SaleView = {
  id: string;
  kind: 'sale' | 'return';
  number: string;
  outlet: { id: string; code: string; name: string; receiptHeader: string };
  register: { id: string; code: string; name: string } | null;
  staffName: string | null;
  customer: { id: string; number: string; name: string } | null;
  currency: string;
  pricingMode: 'tax_inclusive' | 'tax_exclusive';
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  total: number;
  lines: SaleLineView[];
  tenders: {
    kind: TenderKind;
    amount: number;
    received: number | null;
    change: number | null;
    reference: string | null;
    /** What a gift card holds after this sale or refund (null for other tenders). */
    balanceAfter: number | null;
  }[];
  completedAt: string;
  originalSaleId: string | null;
  exchangeId: string | null;
  reason: string | null;
  source: string;
  externalRef: string | null;
  voidedAt: string | null;
  /** What loyalty did: the group discount, a reward, points earned and spent (negative on returns). */
  loyalty: {
    groupName: string | null;
    groupDiscountTotal: number;
    rewardName: string | null;
    rewardDiscountTotal: number;
    pointsEarned: number;
    pointsRedeemed: number;
  };
};

export async function buildSaleViews(db: Db, sales: StoredSale[]): Promise<SaleView[]> {
  const customers = await selectCustomersByIds(db, [
    ...new Set(sales.flatMap((sale) => (sale.customerId ? [sale.customerId] : []))),
  ]);
  const views: SaleView[] = [];
  // One read per table for the whole page, not one per sale.
  const [outlets, registers, groups, rewards, staffNames] = await Promise.all([
    selectOutlets(db),
    selectRegisters(db),
    selectGroupNames(db, [
      ...new Set(sales.flatMap((sale) => (sale.groupId ? [sale.groupId] : []))),
    ]),
    sales.some((sale) => sale.rewardId) ? selectRewards(db) : Promise.resolve([]),
    selectStaffNames(db, [
      ...new Set(sales.flatMap((sale) => (sale.staffId ? [sale.staffId] : []))),
    ]),
  ]);
  const cardBalances = await giftCardBalancesAfter(db, sales);
  for (const sale of sales) {
    const outlet = outlets.find((row) => row.id === sale.outletId);
    if (!outlet) throw new Error(`sale ${sale.id} has an unknown outlet`);
    const register = registers.find((row) => row.id === sale.registerId);
    const customer = customers.find((row) => row.id === sale.customerId);
    views.push({
      id: sale.id,
      kind: sale.kind,
      number: sale.number,
      outlet: {
        id: outlet.id,
        code: outlet.code,
        name: outlet.name,
        receiptHeader: outlet.receiptHeader,
      },
      register: register ? { id: register.id, code: register.code, name: register.name } : null,
      staffName: (sale.staffId && staffNames.get(sale.staffId)) || null,
      customer: customer ? { id: customer.id, number: customer.number, name: customer.name } : null,
      currency: sale.currency,
      pricingMode: sale.pricingMode,
      subtotal: sale.subtotal,
      discountTotal: sale.discountTotal,
      taxTotal: sale.taxTotal,
      total: sale.total,
      lines: sale.lines.map(
        ({ saleId: _sale, customerId: _customer, giftCardId: _card, ...line }) => ({
          ...line,
          returnable:
            line.quantity > 0 && line.kind === 'product'
              ? line.quantity - line.returnedQuantity
              : 0,
        }),
      ),
      tenders: sale.tenders.map((tender) => ({
        kind: tender.kind,
        amount: tender.amount,
        received: tender.received,
        change: tender.change,
        reference: tender.reference,
        balanceAfter: tender.giftCardId
          ? (cardBalances.get(`${sale.id}:${tender.giftCardId}`) ?? null)
          : null,
      })),
      completedAt: sale.completedAt.toISOString(),
      originalSaleId: sale.originalSaleId,
      exchangeId: sale.exchangeId,
      reason: sale.reason,
      source: sale.source,
      externalRef: sale.externalRef,
      voidedAt: sale.voidedAt?.toISOString() ?? null,
      loyalty: {
        groupName: (sale.groupId && groups.get(sale.groupId)) || null,
        groupDiscountTotal: sale.groupDiscountTotal,
        rewardName: rewards.find((reward) => reward.id === sale.rewardId)?.name ?? null,
        rewardDiscountTotal: sale.rewardDiscountTotal,
        pointsEarned: sale.pointsEarned,
        pointsRedeemed: sale.pointsRedeemed,
      },
    });
  }
  return views;
}

/** Each gift card's balance after the sale that used it, keyed "saleId:cardId". */
async function giftCardBalancesAfter(db: Db, sales: StoredSale[]): Promise<Map<string, number>> {
  const withCards = sales.filter((sale) => sale.tenders.some((tender) => tender.giftCardId));
  const activities = await selectGiftCardActivitiesOfSales(
    db,
    withCards.map((sale) => sale.id),
  );
  const balances = new Map<string, number>();
  // Ids are time-ordered (UUIDv7): the last activity of a card in a sale wins.
  for (const activity of activities) {
    balances.set(`${activity.saleId}:${activity.giftCardId}`, activity.balanceAfter);
  }
  return balances;
}

export async function loadSaleViews(db: Db, ids: string[]): Promise<SaleView[]> {
  return buildSaleViews(db, await selectSalesByIds(db, ids));
}

/** A sale by the number printed on its receipt, preferring the caller's outlet. */
export async function findSaleByNumber({
  db,
  number,
  preferOutletId,
}: {
  db: Db;
  number: string;
  preferOutletId?: string;
}): Promise<SaleView | undefined> {
  const id = await findSaleIdByNumber(db, number.trim().toUpperCase(), preferOutletId);
  return id ? (await loadSaleViews(db, [id]))[0] : undefined;
}
