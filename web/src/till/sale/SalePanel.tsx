import type { RefObject } from 'react';
import { formatMoney } from '../../common/money.ts';
import { DraftLinesTable } from './DraftLinesTable.tsx';
import { ItemEntry } from './ItemEntry.tsx';
import { SaleCustomer } from './SaleCustomer.tsx';
import { SaleReceipt } from './SaleReceipt.tsx';
import { TenderForm } from './TenderForm.tsx';
import { saleErrorMessage } from './sale-errors.ts';
import { estimate, saleBody } from './sale-lines.ts';
import type { SaleDraft, Who } from './use-sale-draft.ts';

type Props = {
  draft: SaleDraft;
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
  if (draft.stage === 'done' && draft.receipt !== null) {
    return (
      <SaleReceipt
        sale={draft.receipt}
        tillCustomer={tillCustomer}
        onAttached={draft.updateReceipt}
        onNewSale={props.onNewSale}
      />
    );
  }
  const total = estimate(draft.lines);
  const paying = draft.stage === 'pay';
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
      {!paying && (
        <ItemEntry
          inputRef={itemRef}
          addByCode={draft.addByCode}
          onCustomerScan={props.onCustomerScan}
        />
      )}
      {paying ? (
        <TenderForm
          estimate={total}
          cashRef={cashRef}
          busy={draft.busy}
          error={saleErrorMessage(draft.error, total.currency)}
          onBack={draft.back}
          onComplete={(tenders) =>
            void draft.complete(saleBody(draft.lines, draft.customer?.id ?? null, tenders))
          }
        />
      ) : (
        <DraftLinesTable lines={draft.lines} onChange={draft.setLine} onRemove={draft.removeLine} />
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
            disabled={!total.valid}
            onClick={draft.pay}
          >
            Pay (F4)
          </button>
        </div>
      )}
    </section>
  );
}
