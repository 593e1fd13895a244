import { formatAmount } from './money.ts';

/** What a receipt needs to know about a sale or return; amounts in minor units as stored. */
export type ReceiptSaleLine = {
  name: string;
  size: string | null;
  colour: string | null;
  quantity: number;
  unitPrice: number;
  discount: number;
  taxRateBp: number;
  tax: number;
  /** What the customer pays for the line, tax included. */
  total: number;
};

export type ReceiptTender = {
  kind: string;
  amount: number;
  received: number | null;
  change: number | null;
  /** A gift card's masked number, a card terminal's reference. */
  reference: string | null;
  /** What a gift card holds after this sale or refund. */
  balanceAfter?: number | null;
};

export type ReceiptSale = {
  kind: 'sale' | 'return';
  number: string;
  /** The sale a return refunds, printed so the refund can be traced back. */
  originalNumber: string | null;
  currency: string;
  pricingMode: 'tax_inclusive' | 'tax_exclusive';
  outletName: string;
  /** Free text set per outlet (address, VAT number), one printed line per text line. */
  receiptHeader: string;
  registerName: string | null;
  staffName: string | null;
  customerName: string | null;
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  total: number;
  lines: ReceiptSaleLine[];
  tenders: ReceiptTender[];
  /** ISO 8601 instant. */
  completedAt: string;
  /** IANA time zone of the outlet, so the printed time is the shop's local time. */
  timeZone: string;
  /** What loyalty did (group discount, reward, points); printed under the totals. */
  loyalty?: {
    groupName: string | null;
    groupDiscountTotal: number;
    rewardName: string | null;
    rewardDiscountTotal: number;
    pointsEarned: number;
    pointsRedeemed: number;
  };
};

export type ReceiptOptions = { shopName: string; showCustomerName: boolean };

/** A labelled amount; `indent` for a detail of the row above (what is left on a card). */
export type ReceiptRow = { label: string; amount: string; indent?: boolean };

export type ReceiptLine = {
  description: string;
  /** "2 × 12.50" */
  quantityText: string;
  /** "-1.00", or null when the line had no discount. */
  discount: string | null;
  amount: string;
};

export type Receipt = {
  kind: 'sale' | 'return';
  /** "RECEIPT" or "REFUND", printed large at the top. */
  title: string;
  number: string;
  header: string[];
  details: string[];
  customerName: string | null;
  lines: ReceiptLine[];
  totals: ReceiptRow[];
  total: ReceiptRow;
  /** Tax grouped by rate: what was taxed at each rate and how much tax that was. */
  taxSummary: { rate: string; net: string; tax: string; gross: string }[];
  /** "Paid" on a sale, "Refunded to" on a refund: the heading of `tenders`. */
  tendersTitle: string;
  tenders: ReceiptRow[];
  /** Points earned, spent, given or taken back: a section of its own, after the payments. */
  loyalty: string[];
  footer: string[];
  currency: string;
};

const tenderNames: Readonly<Record<string, string>> = {
  cash: 'Cash',
  card: 'Card',
  gift_card: 'Gift card',
  store_credit: 'Store credit',
  exchange: 'Exchange credit',
  external: 'Other',
};

/**
 * "Gift card •••• 0018", "Card (ref AUTH 55)", "Store credit": never a raw code. The
 * screens name payments with this too, so a receipt and a screen say the same.
 */
export function tenderName(tender: { kind: string; reference: string | null }): string {
  const name = tenderNames[tender.kind] ?? 'Other';
  if (!tender.reference) return name;
  return tender.kind === 'gift_card'
    ? `${name} ${tender.reference}`
    : `${name} (ref ${tender.reference})`;
}

/**
 * How it was paid (or where the refund went), each tender by name: cash with what was
 * handed over and the change, a gift card with what it holds now.
 */
function tenderRows(sale: ReceiptSale, money: (minor: number) => string): ReceiptRow[] {
  const isReturn = sale.kind === 'return';
  const rows: ReceiptRow[] = [];
  for (const tender of sale.tenders) {
    const shown = !isReturn && tender.received !== null ? tender.received : tender.amount;
    rows.push({
      label: tenderName(tender),
      amount: money(isReturn ? -Math.abs(shown) : shown),
    });
    if (!isReturn && tender.change) rows.push({ label: 'Change', amount: money(tender.change) });
    if (tender.kind === 'gift_card' && tender.balanceAfter != null) {
      rows.push({
        label: isReturn ? 'Card balance now' : 'Left on card',
        amount: money(tender.balanceAfter),
        indent: true,
      });
    }
  }
  return rows;
}

/** 2000 basis points -> "20%", 550 -> "5.5%". */
export function formatTaxRate(rateBp: number): string {
  const whole = Math.trunc(rateBp / 100);
  const fraction = String(rateBp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}%` : `${whole}%`;
}

/** "2026-11-22 09:15" in the outlet's time zone (UTC when the zone is unknown). */
export function formatReceiptTime(iso: string, timeZone: string): string {
  const instant = new Date(iso);
  const format = (zone: string) => {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(instant);
    const part = (type: Intl.DateTimeFormatPartTypes) =>
      parts.find((p) => p.type === type)?.value ?? '';
    return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
  };
  try {
    return format(timeZone);
  } catch {
    return format('UTC');
  }
}

function describeLine(line: ReceiptSaleLine): string {
  const variant = [line.size, line.colour].filter((part): part is string => Boolean(part));
  return variant.length > 0 ? `${line.name} (${variant.join(', ')})` : line.name;
}

/** The points lines (the loyalty discounts are totals of their own). */
function loyaltyLines(sale: ReceiptSale): string[] {
  const loyalty = sale.loyalty;
  if (!loyalty) return [];
  const lines: string[] = [];
  if (loyalty.pointsRedeemed > 0) lines.push(`Points redeemed: ${loyalty.pointsRedeemed}`);
  if (loyalty.pointsRedeemed < 0) lines.push(`Points given back: ${-loyalty.pointsRedeemed}`);
  if (loyalty.pointsEarned > 0) lines.push(`Points earned: ${loyalty.pointsEarned}`);
  if (loyalty.pointsEarned < 0) lines.push(`Points taken back: ${-loyalty.pointsEarned}`);
  return lines;
}

/**
 * The totals above TOTAL, which add up to it: the subtotal, the lines' own discounts, the
 * customer group's and the reward's (each inside the lines' discounts), and tax where it
 * is added on top. A discount prints negative on a sale and positive on a refund (given
 * back), as its line's discount does.
 */
function totalRows(sale: ReceiptSale, money: (minor: number) => string): ReceiptRow[] {
  const isReturn = sale.kind === 'return';
  const sign = (amount: number) => (isReturn ? -Math.abs(amount) : amount);
  const off = (amount: number) => money(isReturn ? Math.abs(amount) : -amount);
  const group = sale.loyalty?.groupDiscountTotal ?? 0;
  const reward = sale.loyalty?.rewardDiscountTotal ?? 0;
  const own = sale.discountTotal - group - reward;
  const rows: ReceiptRow[] = [{ label: 'Subtotal', amount: money(sign(sale.subtotal)) }];
  if (own !== 0) rows.push({ label: 'Discounts', amount: off(own) });
  if (group !== 0) {
    rows.push({
      label: `${sale.loyalty?.groupName ?? 'Group'} member discount`,
      amount: off(group),
    });
  }
  if (reward !== 0) {
    rows.push({
      label: `Reward: ${sale.loyalty?.rewardName ?? 'loyalty reward'}`,
      amount: off(reward),
    });
  }
  if (sale.pricingMode === 'tax_exclusive') {
    rows.push({ label: 'Tax', amount: money(sign(sale.taxTotal)) });
  }
  return rows;
}

/**
 * Lays out a receipt from a completed sale or return. Returns print as REFUND with
 * negative amounts whichever sign the stored figures carry, so a refund slip can never
 * be mistaken for a sale. Tax-exclusive outlets show lines before tax and the tax as
 * its own total; tax-inclusive outlets show prices as charged and say tax is included.
 */
export function buildReceipt(sale: ReceiptSale, options: ReceiptOptions): Receipt {
  const isReturn = sale.kind === 'return';
  const sign = (amount: number) => (isReturn ? -Math.abs(amount) : amount);
  const money = (amount: number) => formatAmount(amount, sale.currency);
  const inclusive = sale.pricingMode === 'tax_inclusive';

  const header = [options.shopName];
  if (sale.outletName && sale.outletName !== options.shopName) header.push(sale.outletName);
  header.push(
    ...sale.receiptHeader
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean),
  );

  const details = [formatReceiptTime(sale.completedAt, sale.timeZone)];
  details.push(`${isReturn ? 'Refund' : 'Sale'} ${sale.number}`);
  if (isReturn && sale.originalNumber) details.push(`Refund of sale ${sale.originalNumber}`);
  if (sale.registerName) details.push(`Till: ${sale.registerName}`);
  if (sale.staffName) details.push(`Served by: ${sale.staffName}`);

  const lines = sale.lines.map<ReceiptLine>((line) => ({
    description: describeLine(line),
    quantityText: `${Math.abs(line.quantity)} × ${money(line.unitPrice)}`,
    discount:
      line.discount !== 0 ? money(isReturn ? Math.abs(line.discount) : -line.discount) : null,
    // Lines show the price before discount, so they add up to the subtotal.
    amount: money(sign(line.unitPrice * Math.abs(line.quantity))),
  }));

  const totals = totalRows(sale, money);

  const byRate = new Map<number, { tax: number; gross: number }>();
  for (const line of sale.lines) {
    const group = byRate.get(line.taxRateBp) ?? { tax: 0, gross: 0 };
    group.tax += line.tax;
    group.gross += line.total;
    byRate.set(line.taxRateBp, group);
  }
  const taxSummary = [...byRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rateBp, group]) => ({
      rate: formatTaxRate(rateBp),
      net: money(sign(group.gross - group.tax)),
      tax: money(sign(group.tax)),
      gross: money(sign(group.gross)),
    }));

  const footer = [
    inclusive ? 'Prices include tax' : 'Tax added at the till',
    isReturn ? 'Refund completed' : 'Thank you for shopping with us',
    ...(isReturn ? [] : ['Keep this receipt for returns']),
  ];

  return {
    kind: sale.kind,
    title: isReturn ? 'REFUND' : 'RECEIPT',
    number: sale.number,
    header,
    details,
    customerName: options.showCustomerName ? sale.customerName : null,
    lines,
    totals,
    total: { label: isReturn ? 'TOTAL REFUND' : 'TOTAL', amount: money(sign(sale.total)) },
    taxSummary,
    tendersTitle: isReturn ? 'Refunded to' : 'Paid',
    tenders: tenderRows(sale, money),
    loyalty: loyaltyLines(sale),
    footer,
    currency: sale.currency,
  };
}
