import { fail, ok, type Result } from '../../domain/result.ts';
import { findCustomerById } from '../../store/customers.ts';
import {
  selectCustomerSaleIds,
  selectFavourites,
  selectPurchaseStats,
  type Favourite,
} from '../../store/purchase-history.ts';
import { selectSalesByIds } from '../../store/sales.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { buildSaleViews, type SaleView } from './sale-view.ts';

export type PurchaseSummary = {
  lifetimeSpend: number;
  visits: number;
  returns: number;
  averageBasket: number;
  lastVisit: string | null;
  firstVisit: string | null;
  topItems: Favourite[];
  favouriteBrands: Favourite[];
  favouriteSizes: Favourite[];
};

/** Lifetime figures net of returns; each is one indexed aggregate, whatever the history's length. */
export async function purchaseSummary(
  deps: ServiceDeps,
  customerId: string,
): Promise<Result<PurchaseSummary>> {
  const customer = await findCustomerById(deps.db, customerId);
  if (!customer) return fail('customer_not_found', `No customer with id ${customerId}`);
  const [stats, topItems, favouriteBrands, favouriteSizes] = await Promise.all([
    selectPurchaseStats(deps.db, customerId),
    selectFavourites(deps.db, customerId, 'sku', 5),
    selectFavourites(deps.db, customerId, 'brand', 5),
    selectFavourites(deps.db, customerId, 'size', 5),
  ]);
  return ok({
    lifetimeSpend: stats.lifetimeSpend,
    visits: stats.visits,
    returns: stats.returns,
    averageBasket: stats.visits === 0 ? 0 : Math.round(stats.lifetimeSpend / stats.visits),
    lastVisit: stats.lastVisit?.toISOString() ?? null,
    firstVisit: stats.firstVisit?.toISOString() ?? null,
    topItems,
    favouriteBrands,
    favouriteSizes,
  });
}

export type HistoryPage = { items: SaleView[]; nextCursor: string | null };

function encodeCursor(sale: SaleView): string {
  return Buffer.from(JSON.stringify([sale.completedAt, sale.id])).toString('base64url');
}

function decodeCursor(cursor: string): { completedAt: Date; id: string } | null {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      string,
      string,
    ];
    const completedAt = new Date(at);
    return Number.isNaN(completedAt.getTime()) || typeof id !== 'string'
      ? null
      : { completedAt, id };
  } catch {
    return null;
  }
}

/** Newest first, paged by a cursor so page 100 costs what page 1 does. */
export async function purchaseHistory({
  deps,
  customerId,
  page,
}: {
  deps: ServiceDeps;
  customerId: string;
  page: { cursor?: string; limit: number };
}): Promise<Result<HistoryPage>> {
  const customer = await findCustomerById(deps.db, customerId);
  if (!customer) return fail('customer_not_found', `No customer with id ${customerId}`);
  const before = page.cursor ? decodeCursor(page.cursor) : undefined;
  if (before === null)
    return fail('validation_failed', 'cursor is not one this API gave out', { field: 'cursor' });
  const ids = await selectCustomerSaleIds(deps.db, customerId, {
    ...(before ? { before } : {}),
    limit: page.limit + 1,
  });
  const items = await buildSaleViews(
    deps.db,
    await selectSalesByIds(deps.db, ids.slice(0, page.limit)),
  );
  const last = items.at(-1);
  return ok({ items, nextCursor: ids.length > page.limit && last ? encodeCursor(last) : null });
}
