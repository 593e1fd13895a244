import { ok, type Result } from '../../domain/result.ts';
import { noPoints } from '../../domain/units.ts';
import { productCodes } from '../../domain/sale-plan-products.ts';
import type {
  LoyaltyFacts,
  SaleFacts,
  SaleLineRequest,
  SoldCardFact,
  TenderRequest,
} from '../../domain/sale-plan.ts';
import { selectProductsByCodes } from '../../store/catalogue.ts';
import { selectGroupsOfCustomer } from '../../store/customer-groups.ts';
import type { GiftCardRecord } from '../../store/gift-cards.ts';
import { findLoyaltyBalance } from '../../store/loyalty.ts';
import { findReward, selectPromotionsAt } from '../../store/loyalty-program.ts';
import { findStoreCreditAccount, selectOpenLots } from '../../store/store-credit.ts';
import {
  resolveCustomerReference,
  type CustomerReference,
} from '../customers/customer-reference.ts';
import { rulesAt } from '../loyalty/loyalty-program.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import { getShopSettings } from '../shop/settings.ts';
import { cardInCurrency } from '../stored-value/gift-card-views.ts';
import { mintDigitalCard } from '../stored-value/stored-value-sale.ts';
import { saleContext, type SaleContext } from './sale-place.ts';

/** What a sale's facts are read for: its lines, customer and reward, and (for a sale) tenders. */
export type SaleFactsInput = {
  outletId?: string | undefined;
  registerId?: string | undefined;
  customer?: CustomerReference | null | undefined;
  lines: readonly SaleLineRequest[];
  tenders?: readonly TenderRequest[];
  rewardId?: string | undefined;
  completedAt?: Date | undefined;
};

/** Where the sale is made, and everything the domain reads to decide it. */
export type LoadedSale = { place: SaleContext; facts: SaleFacts<GiftCardRecord> };

/**
 * Reads, in one place, everything deciding a sale needs. Only where the sale is made
 * refuses here (nothing else can be read without the outlet); whatever else is not found
 * is kept as found, for the domain to refuse in its own order.
 */
export async function loadSaleFacts({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps;
  actor: Actor;
  input: SaleFactsInput;
}): Promise<Result<LoadedSale>> {
  const place = await saleContext({ deps, actor, input });
  if (!place.ok) return place;
  const { outlet } = place.value;
  const now = deps.now();
  const completedAt = input.completedAt ?? now;
  const codes = productCodes(input.lines);
  const products = codes.length > 0 ? await selectProductsByCodes(deps.db, codes) : [];
  const customer = input.customer
    ? await resolveCustomerReference({ deps, reference: input.customer })
    : null;
  const customerId = customer?.ok ? customer.value.id : null;
  const tenders = input.tenders ?? [];
  return ok({
    place: place.value,
    facts: {
      now,
      completedAt,
      outlet,
      products,
      customer,
      loyalty: customerId
        ? await loyaltyFacts(deps, customerId, { rewardId: input.rewardId, at: completedAt })
        : null,
      soldCards: await soldCardFacts(deps, input.lines, outlet.currency),
      giftCardExpiryMonths: input.lines.some((line) => 'kind' in line && line.kind === 'gift_card')
        ? (await getShopSettings(deps.db)).giftCardExpiryMonths
        : null,
      tenderCards: await Promise.all(
        tenders.map((tender, index) =>
          tender.kind === 'gift_card'
            ? cardInCurrency({
                deps,
                raw: tender.number,
                currency: outlet.currency,
                field: `tenders[${index}].number`,
              })
            : null,
        ),
      ),
      storeCredit:
        customerId && tenders.some((tender) => tender.kind === 'store_credit')
          ? await storeCreditFacts(deps, customerId, outlet.currency)
          : null,
    },
  });
}

/** The rules and promotions in force at `at`, the customer's groups, and the reward asked for. */
async function loyaltyFacts(
  deps: ServiceDeps,
  customerId: string,
  request: { rewardId: string | undefined; at: Date },
): Promise<LoyaltyFacts> {
  const [{ version, rules }, groups] = await Promise.all([
    rulesAt(deps.db, request.at),
    selectGroupsOfCustomer(deps.db, customerId),
  ]);
  const reward = request.rewardId ? ((await findReward(deps.db, request.rewardId)) ?? null) : null;
  return {
    ruleVersion: version,
    rules,
    groups,
    reward,
    balance: reward ? await findLoyaltyBalance(deps.db, customerId) : noPoints,
    promotions: rules.enabled ? await selectPromotionsAt(deps.db, request.at) : [],
  };
}

/** Per line: the pre-printed card a gift card line names, or the digital card it would make. */
function soldCardFacts(
  deps: ServiceDeps,
  lines: readonly SaleLineRequest[],
  currency: string,
): Promise<(SoldCardFact<GiftCardRecord> | null)[]> {
  return Promise.all(
    lines.map(async (line, index) => {
      if (!('kind' in line) || line.kind !== 'gift_card') return null;
      if (line.number === undefined) {
        // Only a line that can make one (it has an email) draws a number.
        return line.email ? { minted: mintDigitalCard(deps, currency) } : null;
      }
      const field = `lines[${index}].number`;
      return { found: await cardInCurrency({ deps, raw: line.number, currency, field }) };
    }),
  );
}

async function storeCreditFacts(
  deps: ServiceDeps,
  customerId: string,
  currency: string,
): Promise<SaleFacts['storeCredit']> {
  const account = await findStoreCreditAccount(deps.db, customerId, currency);
  return account
    ? { accountId: account.id, lots: await selectOpenLots(deps.db, account.id) }
    : null;
}
