import { saleTotals, type SaleTotals } from '../../domain/sales.ts';
import { checkFreeText, settleTenders, type SettledTender } from '../../domain/tenders.ts';
import { fail, invalid, ok, type Result } from '../../domain/result.ts';
import type { Db } from '../../store/database.ts';
import { newId } from '../../store/ids.ts';
import { findOutlet, findRegister, type OutletRow } from '../../store/outlets.ts';
import {
  findSaleIdByIdempotencyKey,
  insertSale,
  nextSaleNumber,
  type StoredSale,
} from '../../store/sales.ts';
import type { SaleLineRecord } from '../../store/sale-types.ts';
import { inTransaction, isUniqueViolation } from '../../store/transaction.ts';
import type { Actor, ServiceDeps } from '../platform/context.ts';
import {
  resolveCustomerReference,
  type CustomerReference,
} from '../customers/customer-reference.ts';
import { loadSaleViews, type SaleView } from './sale-view.ts';
import {
  applyLoyalty,
  liabilityLines,
  priceLines,
  saleLineRecords,
  type PricedSaleLine,
  type SaleLineInput,
} from './sale-lines.ts';
import { writeSaleLoyalty, type LoyaltyPlan } from '../loyalty/loyalty-checkout.ts';
import { sameDigest, sha256 } from '../platform/secrets.ts';
import {
  applyLedgerActions,
  resolveTenders,
  tenderActions,
  type LedgerAction,
  type TenderRequest,
} from '../stored-value/stored-value-sale.ts';
import { settleUnderLock, type PaymentPlan } from '../stored-value/stored-value-settle.ts';
import { countSale } from '../platform/metrics.ts';

export type { ProductLineInput, SaleLineInput } from './sale-lines.ts';

export type CompleteSaleInput = {
  /** Required for callers without a till session (back office, API keys). */
  outletId?: string;
  registerId?: string;
  customer?: CustomerReference | null;
  lines: SaleLineInput[];
  tenders: TenderRequest[];
  idempotencyKey: string;
  /** Only imports and integrations may say when a sale happened; the till is "now". */
  completedAt?: Date;
  externalRef?: string;
  /** A loyalty reward the customer redeems on this sale. */
  rewardId?: string;
};

export type SaleContext = { outlet: OutletRow; registerId: string | null; counterKey: string };

/** Where a sale happens: the till's register, or the outlet named by an integration. */
export async function saleContext({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps;
  actor: Actor;
  input: { outletId?: string; registerId?: string };
}): Promise<Result<SaleContext>> {
  const registerId = input.registerId ?? (actor.kind === 'staff' ? actor.registerId : null);
  if (registerId) {
    const register = await findRegister(deps.db, registerId);
    if (!register)
      return fail('register_not_found', `No register with id ${registerId}`, {
        field: 'registerId',
      });
    const outlet = await findOutlet(deps.db, register.outletId);
    if (!outlet) throw new Error('register without outlet');
    return ok({ outlet, registerId, counterKey: `register:${register.id}:${register.code}` });
  }
  const outletId = input.outletId ?? (actor.kind === 'staff' ? actor.outletId : null);
  if (!outletId && actor.kind === 'staff') {
    // A back-office sign-in: the person is at no till, so the sale has no number to take.
    return fail(
      'register_required',
      'Sales and returns are made at a till register: open the till and choose its register (with your PIN).',
      { field: 'registerId' },
    );
  }
  if (!outletId)
    return invalid('outletId', 'outletId is required: the outlet the sale was made in');
  const outlet = await findOutlet(deps.db, outletId);
  if (!outlet)
    return fail('outlet_not_found', `No outlet with id ${outletId}`, { field: 'outletId' });
  return ok({ outlet, registerId: null, counterKey: `outlet:${outlet.id}:${outlet.code}-API` });
}

export function saleNumberOf(counterKey: string, sequence: number): string {
  const label = counterKey.split(':')[2] ?? 'SALE';
  return `${label}-${String(sequence).padStart(6, '0')}`;
}

/** The request's fingerprint: a retry must be the same sale, not just the same key. */
export function fingerprint(input: unknown): Buffer {
  return sha256(JSON.stringify(input));
}

/**
 * A replay of an idempotency key: the first answer when the request is the same,
 * a conflict when it is not. Null when the key is new.
 */
export async function replayOf({
  db,
  key,
  hash,
}: {
  db: Db;
  key: string;
  hash: Buffer;
}): Promise<Result<SaleView> | null> {
  const existing = await findSaleIdByIdempotencyKey(db, key);
  if (!existing) return null;
  if (!existing.requestHash || !sameDigest(existing.requestHash, hash)) {
    return fail(
      'idempotency_key_reused',
      'This Idempotency-Key was used for a different sale; nothing was changed',
      {
        field: 'Idempotency-Key',
      },
    );
  }
  const [view] = await loadSaleViews(db, [existing.id]);
  return ok(view!);
}

export type PreparedSale = {
  /** Its tenders are as settled from the balances read beforehand; the write settles again. */
  sale: StoredSale;
  counterKey: string;
  /** Gift cards and store credit sold: applied when the sale is written. */
  ledger: LedgerAction[];
  /** How it is paid: settled again, under the accounts' locks, when the sale is written. */
  payment: PaymentPlan;
  /** Points spent on a reward and earned: written with the sale. */
  loyalty: LoyaltyPlan | null;
};

/** What a sale needs to be priced: everything but how it is paid and its key. */
export type SalePricingInput = Omit<CompleteSaleInput, 'tenders' | 'idempotencyKey'>;

/** A sale priced as it would be written: lines after every discount, totals and points. */
export type PricedSale = {
  context: SaleContext;
  saleId: string;
  customerId: string | null;
  completedAt: Date;
  lines: PricedSaleLine[];
  loyalty: LoyaltyPlan | null;
  sold: { records: SaleLineRecord[]; actions: LedgerAction[] };
  totals: SaleTotals & {
    liabilityTotal: number;
    groupDiscountTotal: number;
    rewardDiscountTotal: number;
  };
};

const sum = (amounts: readonly number[]) => amounts.reduce((total, amount) => total + amount, 0);

/**
 * Where, what, how priced, for whom: the part of a sale that a quote shows before payment
 * and the sale itself writes, so the two can never disagree.
 */
export async function priceSale({
  deps,
  actor,
  input,
}: {
  deps: ServiceDeps;
  actor: Actor;
  input: SalePricingInput;
}): Promise<Result<PricedSale>> {
  const context = await saleContext({ deps, actor, input });
  if (!context.ok) return context;
  const { outlet } = context.value;
  const priced = await priceLines({ deps, outlet, lines: input.lines });
  if (!priced.ok) return priced;
  if (input.externalRef) {
    const checked = checkFreeText(input.externalRef, 'externalRef');
    if (!checked.ok) return checked;
  }
  let customerId: string | null = null;
  if (input.customer) {
    const customer = await resolveCustomerReference({ deps, reference: input.customer });
    if (!customer.ok) return customer;
    customerId = customer.value.id;
  }
  const completedAt = input.completedAt ?? deps.now();
  const loyalty = await applyLoyalty({
    deps,
    outlet,
    customerId,
    lines: priced.value,
    input: {
      ...(input.rewardId ? { rewardId: input.rewardId } : {}),
      at: completedAt,
    },
  });
  if (!loyalty.ok) return loyalty;
  const saleId = newId();
  const sold = await liabilityLines({
    deps,
    sale: { id: saleId, currency: outlet.currency, customerId },
    lines: input.lines,
  });
  if (!sold.ok) return sold;
  const liabilityTotal = sum(sold.value.records.map((line) => line.total));
  const productTotals = saleTotals(loyalty.value.lines.map((line) => line.priced));
  const plan = loyalty.value.plan;
  return ok({
    context: context.value,
    saleId,
    customerId,
    completedAt,
    lines: loyalty.value.lines,
    loyalty: loyalty.value.plan,
    sold: sold.value,
    totals: {
      ...productTotals,
      subtotal: productTotals.subtotal + liabilityTotal,
      total: productTotals.total + liabilityTotal,
      liabilityTotal,
      groupDiscountTotal: plan ? sum(plan.groupDiscounts) : 0,
      rewardDiscountTotal: plan ? sum(plan.rewardDiscounts) : 0,
    },
  });
}

/**
 * Everything up to the write: the priced sale and how it is paid. An exchange passes the
 * credit from its return, which pays first (as an 'exchange' tender).
 */
export async function prepareSale({
  deps,
  actor,
  input,
  options,
}: {
  deps: ServiceDeps;
  actor: Actor;
  input: CompleteSaleInput;
  options: { source: string; requestHash: Buffer; exchange?: { id: string; credit: number } };
}): Promise<Result<PreparedSale>> {
  const pricedSale = await priceSale({ deps, actor, input });
  if (!pricedSale.ok) return pricedSale;
  const { context, saleId, customerId, completedAt, lines, sold, totals } = pricedSale.value;
  const { outlet } = context;
  const plan = pricedSale.value.loyalty;
  const credit = Math.min(options.exchange?.credit ?? 0, totals.total);
  const resolved = await resolveTenders({
    deps,
    currency: outlet.currency,
    customerId,
    requests: input.tenders,
  });
  if (!resolved.ok) return resolved;
  const payment: PaymentPlan = {
    total: totals.total,
    currency: outlet.currency,
    tenders: [
      ...(credit > 0 ? [{ kind: 'exchange' as const, amount: credit }] : []),
      ...resolved.value.tenders,
    ],
  };
  // Settled here too, so a sale that cannot be paid is refused before any lock is taken.
  const tenders = settleTenders(payment.total, payment.tenders, payment.currency);
  if (!tenders.ok) return tenders;
  return ok({
    counterKey: context.counterKey,
    loyalty: plan,
    ledger: sold.actions,
    payment,
    sale: {
      id: saleId,
      kind: 'sale',
      number: '',
      outletId: outlet.id,
      registerId: context.registerId,
      staffId: actor.kind === 'staff' ? actor.staffId : null,
      apiKeyId: actor.kind === 'api_key' ? actor.apiKeyId : null,
      customerId,
      currency: outlet.currency,
      pricingMode: outlet.pricingMode,
      ...totals,
      originalSaleId: null,
      exchangeId: options.exchange?.id ?? null,
      reason: null,
      approvedByStaffId: null,
      source: options.source,
      externalRef: input.externalRef ?? null,
      idempotencyKey: input.idempotencyKey,
      requestHash: options.requestHash,
      completedAt,
      voidedAt: null,
      groupId: plan?.group?.id ?? null,
      rewardId: plan?.reward?.id ?? null,
      pointsEarned: plan?.earning?.total ?? 0,
      pointsRedeemed: plan?.reward?.pointsCost ?? 0,
      lines: [
        ...saleLineRecords({ saleId, customerId, lines, loyalty: plan }),
        ...sold.records,
      ].sort((a, b) => a.lineNo - b.lineNo),
      tenders: tenderRecords(saleId, tenders.value),
    },
  });
}

function tenderRecords(saleId: string, settled: readonly SettledTender[]): StoredSale['tenders'] {
  return settled.map((tender, position) => ({
    id: newId(),
    saleId,
    position,
    kind: tender.kind,
    amount: tender.amount,
    received: tender.kind === 'cash' ? tender.received : null,
    change: tender.kind === 'cash' ? tender.change : null,
    reference: tender.kind === 'card' || tender.kind === 'gift_card' ? tender.reference : null,
    refundOfSaleId: null,
    giftCardId: tender.kind === 'gift_card' ? tender.giftCardId : null,
    storeCreditAccountId: tender.kind === 'store_credit' ? tender.accountId : null,
  }));
}

/**
 * Draws the sale's number, settles its tenders under the accounts' locks, writes it and
 * applies its gift card and store credit changes, inside the caller's transaction. A
 * tender that no longer holds what it must pay fails the whole sale.
 */
export async function writePreparedSale({
  trx,
  actor,
  prepared,
}: {
  trx: Db;
  actor: Actor;
  prepared: PreparedSale;
}): Promise<Result<string>> {
  // The counter first, then the accounts: the order returns and voids take them in too.
  const sequence = await nextSaleNumber(trx, prepared.counterKey);
  const payment = await settleUnderLock({
    trx,
    plan: prepared.payment,
    at: prepared.sale.completedAt,
  });
  if (!payment.ok) return payment;
  const sale: StoredSale = {
    ...prepared.sale,
    number: saleNumberOf(prepared.counterKey, sequence),
    tenders: tenderRecords(prepared.sale.id, payment.value.settled),
  };
  await insertSale(trx, sale);
  const spent = tenderActions({ settled: payment.value.settled, cards: payment.value.cards, sale });
  const applied = await applyLedgerActions({
    trx,
    actions: [...prepared.ledger, ...spent],
    context: {
      actor,
      outletId: sale.outletId,
      saleId: sale.id,
      reason: null,
      approvedByStaffId: null,
      requestHash: null,
      at: sale.completedAt,
      keyPrefix: sale.idempotencyKey ?? sale.id,
    },
  });
  if (!applied.ok) return applied;
  if (prepared.loyalty) {
    const points = await writeSaleLoyalty({
      trx,
      actor,
      plan: prepared.loyalty,
      sale: {
        id: sale.id,
        keyPrefix: sale.idempotencyKey ?? sale.id,
        at: sale.completedAt,
      },
    });
    if (!points.ok) return points;
  }
  return ok(sale.id);
}

/**
 * Completes a sale: prices the lines by the outlet's rules, settles the tenders, and
 * writes sale, lines and tenders in one transaction under the caller's idempotency
 * key. A retry returns the sale already made.
 */
export async function completeSale({
  deps,
  actor,
  input,
  source = 'till',
}: {
  deps: ServiceDeps;
  actor: Actor;
  input: CompleteSaleInput;
  source?: string;
}): Promise<Result<SaleView>> {
  const hash = fingerprint({
    ...input,
    idempotencyKey: undefined,
    completedAt: input.completedAt?.toISOString(),
  });
  const replay = await replayOf({ db: deps.db, key: input.idempotencyKey, hash });
  if (replay) return replay;
  const prepared = await prepareSale({
    deps,
    actor,
    input,
    options: { source, requestHash: hash },
  });
  if (!prepared.ok) return prepared;
  try {
    const written = await inTransaction(deps.db, (trx) =>
      writePreparedSale({ trx, actor, prepared: prepared.value }),
    );
    if (!written.ok) return written;
  } catch (error) {
    // Two identical requests raced: the loser answers with the winner's sale.
    if (isUniqueViolation(error)) {
      const raced = await replayOf({ db: deps.db, key: input.idempotencyKey, hash });
      if (raced) return raced;
    }
    throw error;
  }
  countSale(source === 'api' ? 'api' : 'till');
  const [view] = await loadSaleViews(deps.db, [prepared.value.sale.id]);
  return ok(view!);
}
