import { fail, invalid, ok, type Result } from '../../domain/result.ts';
import { priceLine, type PricedLine } from '../../domain/sales.ts';
import { newId } from '../../store/ids.ts';
import type { OutletRow } from '../../store/outlets.ts';
import { selectProductsByCodes, type ProductRow } from '../../store/catalogue.ts';
import type { SaleLineRecord } from '../../store/sales.ts';
import type { ServiceDeps } from '../platform/context.ts';
import {
  planEarning,
  planLoyaltyDiscounts,
  repriceLine,
  type LoyaltyPlan,
} from '../loyalty/loyalty-checkout.ts';
import {
  resolveLiabilityLine,
  type LedgerAction,
  type LiabilityLineInput,
} from '../stored-value/stored-value-sale.ts';

/**
 * The lines of a sale: products priced by the outlet's rules, with loyalty's discounts,
 * and stored value (gift cards, store credit) sold as liabilities.
 */
export type ProductLineInput = { product: string; quantity: number; discount?: number };
/** A product by barcode or SKU, or stored value sold (a gift card, store credit). */
export type SaleLineInput = ProductLineInput | LiabilityLineInput;

export type PricedSaleLine = { index: number; product: ProductRow; priced: PricedLine };

export function isProductLine(line: SaleLineInput): line is ProductLineInput {
  return !('kind' in line);
}

export async function priceLines({
  deps,
  outlet,
  lines,
}: {
  deps: ServiceDeps;
  outlet: OutletRow;
  lines: SaleLineInput[];
}): Promise<Result<PricedSaleLine[]>> {
  if (lines.length === 0) return invalid('lines', 'a sale needs at least one line');
  if (lines.length > 500) return invalid('lines', 'a sale may have at most 500 lines');
  const productLines = lines.flatMap((line, index) =>
    isProductLine(line) ? [{ line, index }] : [],
  );
  const products = await selectProductsByCodes(deps.db, [
    ...new Set(productLines.map(({ line }) => line.product.trim())),
  ]);
  const priced: PricedSaleLine[] = [];
  for (const { line, index } of productLines) {
    const code = line.product.trim();
    const product =
      products.find((row) => row.barcode === code) ?? products.find((row) => row.sku === code);
    if (!product || !product.active) {
      return fail('product_not_found', `No product with barcode or SKU ${code}`, {
        field: `lines[${index}].product`,
      });
    }
    if (product.currency !== outlet.currency) {
      return invalid(
        `lines[${index}].product`,
        `${product.sku} is priced in ${product.currency}, the outlet sells in ${outlet.currency}`,
      );
    }
    const result = priceLine(
      {
        unitPrice: product.price,
        quantity: line.quantity,
        discount: line.discount ?? 0,
        taxRateBp: product.taxRateBp,
      },
      outlet.pricingMode,
      `lines[${index}]`,
    );
    if (!result.ok) return result;
    priced.push({ index, product, priced: result.value });
  }
  return ok(priced);
}

export function saleLineRecords({
  saleId,
  customerId,
  lines,
  loyalty = null,
}: {
  saleId: string;
  customerId: string | null;
  lines: PricedSaleLine[];
  loyalty?: LoyaltyPlan | null;
}): SaleLineRecord[] {
  return lines.map(({ index, product, priced }, position) => ({
    id: newId(),
    saleId,
    lineNo: index + 1,
    customerId,
    productId: product.id,
    sku: product.sku,
    name: product.name,
    category: product.category,
    brand: product.brand,
    size: product.size,
    colour: product.colour,
    quantity: priced.quantity,
    unitPrice: priced.unitPrice,
    discount: priced.discount,
    taxRateBp: priced.taxRateBp,
    tax: priced.tax,
    total: priced.total,
    returnedQuantity: 0,
    originalLineId: null,
    kind: 'product',
    giftCardId: null,
    pointsEarned: loyalty?.earning?.perLine[position] ?? 0,
    pointsRedeemed: loyalty?.redeemedPerLine[position] ?? 0,
    groupDiscount: loyalty?.groupDiscounts[position] ?? 0,
    rewardDiscount: loyalty?.rewardDiscounts[position] ?? 0,
  }));
}

/**
 * Loyalty's part of a sale: the customer's group discount and a redeemed reward come off
 * the lines (which are priced again), then the points the sale earns are worked out.
 */
export async function applyLoyalty({
  deps,
  outlet,
  customerId,
  lines,
  input,
}: {
  deps: ServiceDeps;
  outlet: OutletRow;
  customerId: string | null;
  lines: PricedSaleLine[];
  input: { rewardId?: string; at: Date };
}): Promise<Result<{ lines: PricedSaleLine[]; plan: LoyaltyPlan | null }>> {
  const plan = await planLoyaltyDiscounts({
    deps,
    customerId,
    lines: lines.map(({ product, priced }) => ({
      sku: product.sku,
      unitPrice: priced.unitPrice,
      quantity: priced.quantity,
      value: priced.unitPrice * priced.quantity - priced.discount,
    })),
    rewardId: input.rewardId,
    at: input.at,
  });
  if (!plan.ok || !plan.value) return plan.ok ? ok({ lines, plan: null }) : plan;
  const repriced: PricedSaleLine[] = [];
  for (const [position, line] of lines.entries()) {
    const extra = plan.value.groupDiscounts[position]! + plan.value.rewardDiscounts[position]!;
    const priced = repriceLine({
      line: line.priced,
      extraDiscount: extra,
      mode: outlet.pricingMode,
      field: `lines[${line.index}]`,
    });
    if (!priced.ok) return priced;
    repriced.push({ ...line, priced: priced.value });
  }
  const earning = await planEarning({
    db: deps.db,
    plan: plan.value,
    lines: repriced.map((line) => ({ category: line.product.category, priced: line.priced })),
    at: input.at,
  });
  return ok({ lines: repriced, plan: earning });
}

/** Gift card and store credit lines: their records and the ledger changes they make. */
export async function liabilityLines({
  deps,
  sale,
  lines,
}: {
  deps: ServiceDeps;
  sale: { id: string; currency: string; customerId: string | null };
  lines: SaleLineInput[];
}): Promise<Result<{ records: SaleLineRecord[]; actions: LedgerAction[] }>> {
  const records: SaleLineRecord[] = [];
  const actions: LedgerAction[] = [];
  for (const [index, line] of lines.entries()) {
    if (isProductLine(line)) continue;
    const resolved = await resolveLiabilityLine({
      deps,
      sale,
      line,
      lineNo: index + 1,
      field: `lines[${index}]`,
    });
    if (!resolved.ok) return resolved;
    records.push(resolved.value.record);
    actions.push(resolved.value.action);
  }
  const cards = actions.flatMap((action) => (action.kind === 'gift_card' ? [action.card.id] : []));
  if (new Set(cards).size !== cards.length) {
    return invalid('lines', 'a gift card may be sold once in a sale');
  }
  return ok({ records, actions });
}
