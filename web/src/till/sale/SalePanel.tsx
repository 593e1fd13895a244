import type { RefObject } from 'react';
import { formatMoney } from '../../common/money.ts';
import { DraftLinesTable } from './DraftLinesTable.tsx';
import { ErrorText } from '../../common/ErrorText.tsx';
import { useCustomerLoyalty } from '../../loyalty/use-customer-loyalty.ts';
import { LoyaltyBanner, loyaltyWorthShowing } from '../../loyalty/LoyaltyBanner.tsx';
import { SaleLoyaltyLines } from '../loyalty/SaleLoyaltyLines.tsx';
import { ItemEntry } from './ItemEntry.tsx';
import { SaleCustomer } from './SaleCustomer.tsx';
import { SaleReceipt } from './SaleReceipt.tsx';
import { SellStoredValue } from './SellStoredValue.tsx';
import { TenderForm } from './TenderForm.tsx';
import { saleErrorMessage } from './sale-errors.ts';
import { estimateLoyalty } from './loyalty-estimate.ts';
import { estimate, saleBody } from './sale-lines.ts';
import type { SaleDraft, Who } from './use-sale-draft.ts';
import { valueLinesProblem } from './value-lines.ts';

type Props = {
  draft: SaleDraft;
  /** The outlet's currency, for a basket that holds no product yet. */
  currency: string;
  tillCustomer: Who | null;
  itemRef: RefObject<HTMLInputElement | null>;
  cashRef: RefObject<HTMLInputElement | null>;
  onCustomerScan: (code: string) => Promise<boolean>;
  onSkipCustomer: () => void;
  onNewSale: () => void;
};

/** A sale at the till: items, customer, payment, receipt. */
export function SalePanel(props: Props) {
  const { draft, tillCustomer, itemRef, cashRef } = props;
  const loyalty = useCustomerLoyalty(draft.customer?.id ?? null).data;
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
  const basket = estimate(draft.lines, draft.valueLines, props.currency);
  const discounts = estimateLoyalty(draft.lines, loyalty?.groups ?? [], draft.reward);
  // The group discount and the reward come off what is to pay.
  const total = {
    ...basket,
    total: basket.total - discounts.groupDiscount - discounts.rewardDiscount,
  };
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
            customer={draft.customer}
            cashRef={cashRef}
            busy={draft.busy}
            error={saleErrorMessage(draft.error, total.currency)}
            onBack={draft.back}
            onComplete={(tenders) =>
              void draft.complete({
                ...saleBody(draft.lines, draft.customer?.id ?? null, tenders, draft.valueLines),
                ...(draft.reward === null ? {} : { rewardId: draft.reward.id }),
              })
            }
          />
        </>
      ) : (
        <>
          <DraftLinesTable
            lines={draft.lines}
            valueLines={draft.valueLines}
            currency={total.currency}
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
          <span>
            Total <span className="muted">(estimate)</span>:{' '}
            <strong data-testid="sale-total">{formatMoney(total.total, total.currency)}</strong>
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
