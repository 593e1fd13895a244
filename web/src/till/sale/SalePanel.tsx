import type { RefObject } from 'react';
import type { PricingMode } from '@domain/sales.ts';
import { formatMoney } from '../../common/money.ts';
import { DraftLinesTable } from './DraftLinesTable.tsx';
import { ErrorText } from '../../common/ErrorText.tsx';
import { useCustomerLoyalty } from '../../loyalty/use-customer-loyalty.ts';
import { LoyaltyBanner, loyaltyWorthShowing } from '../../loyalty/LoyaltyBanner.tsx';
import { SaleLoyaltyLines } from '../loyalty/SaleLoyaltyLines.tsx';
import { ItemEntry } from './ItemEntry.tsx';
import { QuoteDetail } from './QuoteDetail.tsx';
import { SaleCustomer } from './SaleCustomer.tsx';
import { SaleReceipt } from './SaleReceipt.tsx';
import { SellStoredValue } from './SellStoredValue.tsx';
import { TenderForm } from './TenderForm.tsx';
import { saleErrorMessage } from './sale-errors.ts';
import { estimateLoyalty, type LoyaltyEstimate } from './loyalty-estimate.ts';
import { estimate, saleBody } from './sale-lines.ts';
import type { SaleDraft, Who } from './use-sale-draft.ts';
import { useSaleQuote, type Basket } from './use-sale-quote.ts';
import { valueLinesProblem } from './value-lines.ts';

type Props = {
  draft: SaleDraft;
  /** The outlet's currency, for a basket that holds no product yet. */
  currency: string;
  /** The outlet's, so a tax-exclusive outlet's estimate adds tax as the server will. */
  pricingMode: PricingMode;
  tillCustomer: Who | null;
  itemRef: RefObject<HTMLInputElement | null>;
  cashRef: RefObject<HTMLInputElement | null>;
  onCustomerScan: (code: string) => Promise<boolean>;
  onSkipCustomer: () => void;
  onNewSale: () => void;
};

/** The sale as POST /sales takes it, less the tenders: what a quote prices. */
function basketOf(draft: SaleDraft): Basket {
  const { customer, lines } = saleBody(
    draft.lines,
    draft.customer?.id ?? null,
    [],
    draft.valueLines,
  );
  return {
    ...(customer ? { customer } : {}),
    lines,
    ...(draft.reward === null ? {} : { rewardId: draft.reward.id }),
  };
}

/** A sale at the till: items, customer, payment, receipt. */
export function SalePanel(props: Props) {
  const { draft, tillCustomer, itemRef, cashRef } = props;
  const loyalty = useCustomerLoyalty(draft.customer?.id ?? null).data;
  const basket = estimate(draft.lines, draft.valueLines, props.currency, props.pricingMode);
  const estimated = estimateLoyalty(draft.lines, loyalty?.groups ?? [], draft.reward);
  // The server prices the sale (tax-exclusive outlets add tax); its quote replaces the
  // till's own estimate as soon as it arrives for the basket as it stands.
  const { quote, error: quoteError } = useSaleQuote(
    draft.stage !== 'done' && basket.valid && estimated.rewardProblem === null
      ? basketOf(draft)
      : null,
  );
  if (draft.stage === 'done' && draft.receipt !== null) {
    return (
      <SaleReceipt
        sale={draft.receipt}
        deliveries={draft.deliveries}
        tillCustomer={tillCustomer}
        onAttached={draft.updateReceipt}
        onNewSale={props.onNewSale}
      />
    );
  }
  const discounts: LoyaltyEstimate = quote
    ? {
        group: quote.group,
        groupDiscount: quote.groupDiscountTotal,
        rewardDiscount: quote.rewardDiscountTotal,
        rewardProblem: null,
      }
    : estimated;
  // The group discount and the reward come off what is to pay.
  const total = quote
    ? { ...basket, total: quote.total, currency: quote.currency }
    : { ...basket, total: basket.total - discounts.groupDiscount - discounts.rewardDiscount };
  const exact = quote !== null;
  const paying = draft.stage === 'pay';
  const valueProblem = valueLinesProblem(draft.valueLines, draft.customer !== null);
  const loyaltyLines = (
    <SaleLoyaltyLines
      estimate={discounts}
      reward={draft.reward}
      currency={total.currency}
      onRemoveReward={draft.removeReward}
    />
  );
  return (
    <section className="stack sale-panel" data-testid="sale-panel">
      <SaleCustomer
        customer={draft.customer}
        prompting={draft.prompting}
        tillCustomer={tillCustomer}
        onAttach={draft.attach}
        onDetach={draft.detach}
        onSkip={props.onSkipCustomer}
      />
      {!paying && draft.customer !== null && loyalty !== null && loyaltyWorthShowing(loyalty) && (
        <LoyaltyBanner
          summary={loyalty}
          currency={total.currency}
          testId="sale-loyalty"
          redeem={{
            chosenId: draft.reward?.id ?? null,
            onRedeem: (reward) => {
              draft.redeem(reward);
              itemRef.current?.focus();
            },
          }}
        />
      )}
      {!paying && (
        <ItemEntry
          inputRef={itemRef}
          addByCode={draft.addByCode}
          onAdd={draft.add}
          onCustomerScan={props.onCustomerScan}
        />
      )}
      {!paying && (
        <SellStoredValue
          currency={total.currency}
          customer={draft.customer}
          valueLines={draft.valueLines}
          onAdd={draft.addValue}
          onDone={() => itemRef.current?.focus()}
        />
      )}
      {paying ? (
        <>
          {loyaltyLines}
          <TenderForm
            estimate={total}
            exact={exact}
            customer={draft.customer}
            cashRef={cashRef}
            busy={draft.busy}
            error={saleErrorMessage(draft.error, total.currency)}
            onBack={draft.back}
            onComplete={(tenders) => void draft.complete({ ...basketOf(draft), tenders })}
          />
        </>
      ) : (
        <>
          <DraftLinesTable
            lines={draft.lines}
            valueLines={draft.valueLines}
            currency={total.currency}
            pricingMode={props.pricingMode}
            onChange={draft.setLine}
            onRemove={draft.removeLine}
            onRemoveValue={draft.removeValue}
          />
          <ErrorText message={valueProblem} testId="sale-value-problem" />
          {loyaltyLines}
        </>
      )}
      {!paying && (
        <div className="sale-total row">
          <span className="stack">
            <span>
              Total{!exact && <span className="muted"> (estimate)</span>}:{' '}
              <strong data-testid="sale-total">{formatMoney(total.total, total.currency)}</strong>
            </span>
            {quote !== null && <QuoteDetail quote={quote} />}
            <ErrorText
              message={saleErrorMessage(quoteError, total.currency)}
              testId="sale-quote-problem"
            />
          </span>
          <button
            type="button"
            className="primary big"
            data-testid="sale-pay"
            disabled={!draft.payable}
            onClick={draft.pay}
          >
            Pay (F4)
          </button>
        </div>
      )}
    </section>
  );
}
