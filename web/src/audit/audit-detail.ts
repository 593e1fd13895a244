import { formatMoney } from '../common/money.ts';
import type { AuditItem } from './audit-api.ts';

/** Detail keys that hold money, in minor units of the entry's currency. */
const moneyKeys = new Set([
  'amount',
  'total',
  'refund',
  'balance',
  'limit',
  'noReceiptReturnLimit',
]);

/** What the other columns already show, or what means nothing to a reader. */
const hiddenKeys = new Set([
  'customerNumber',
  'survivorNumber',
  'saleNumber',
  'last4',
  'id',
  'groupId',
  'voidId',
  'originalSaleIds',
  'currency',
]);

const keyLabels: Record<string, string> = {
  reason: 'reason',
  why: 'why',
  method: 'by',
  approvedByStaffId: 'approved by',
  fromCustomerId: 'from',
  mergedCustomerId: 'merged in',
  mergedNumber: 'merged in',
  originalSaleId: 'original sale',
  registerId: 'at',
  reasonCode: 'reason',
  discountBp: 'discount',
  effectiveFrom: 'from',
  recipient: 'sent to',
  approver: 'approver',
  source: 'from',
  fields: 'revealed',
};

const countKeys = new Set([
  'imported',
  'rejected',
  'skipped',
  'exported',
  'count',
  'added',
  'sales',
  'returns',
]);

function plain(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map(plain).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([key, inner]) => `${key} ${plain(inner)}`)
      .join(', ');
  }
  return String(value);
}

function spelled(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function valueText(key: string, value: unknown, item: AuditItem): string {
  if (typeof value === 'string' && item.names[value]) return item.names[value];
  if (moneyKeys.has(key) && typeof value === 'number') {
    return item.currency ? formatMoney(value, item.currency) : `${value} (minor units)`;
  }
  if (key === 'points' && typeof value === 'number') return `${value} points`;
  if (key === 'discountBp' && typeof value === 'number') return `${value / 100}%`;
  if (key === 'method') return value === 'pin' ? 'PIN' : plain(value);
  if (key === 'effectiveFrom' && typeof value === 'string')
    return new Date(value).toLocaleDateString();
  return plain(value);
}

/**
 * The detail of an entry as short readable parts: "reason: customer asked",
 * "amount: £50.00", "approved by: Sam Supervisor", "2 imported".
 */
export function describeDetail(item: AuditItem): string[] {
  return Object.entries(item.detail).flatMap(([key, value]) => {
    const empty = value === null || value === undefined || value === '';
    if (hiddenKeys.has(key) || empty || (Array.isArray(value) && value.length === 0)) return [];
    // An id no name was found for says nothing to a reader.
    if (typeof value === 'string' && /Id$/.test(key) && !item.names[value]) return [];
    if (countKeys.has(key) && typeof value === 'number') return [`${value} ${spelled(key)}`];
    if (key === 'customersCreated' && typeof value === 'number') return [`${value} new customers`];
    return [`${keyLabels[key] ?? spelled(key)}: ${valueText(key, value, item)}`];
  });
}
