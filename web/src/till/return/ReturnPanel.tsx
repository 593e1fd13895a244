import { useState, type FormEvent, type RefObject } from 'react';
import { api } from '../../api.ts';
import { errorMessage } from '../../api-error.ts';
import { announceCustomerChange } from '../../common/customer-changes.ts';
import type { Sale } from '@contract/sales.ts';
import type { Who } from '../sale/use-sale-draft.ts';
import { NoReceiptPicker } from './NoReceiptPicker.tsx';
import { ReturnForm } from './ReturnForm.tsx';
import { ReturnResult } from './ReturnResult.tsx';

type Props = {
  tillCustomer: Who | null;
  receiptRef: RefObject<HTMLInputElement | null>;
  onNeedCustomer: () => void;
};

type Source = { sale: Sale; withReceipt: boolean; n: number };

/**
 * Returns (F10): scan the receipt, or, without one, pick the sale from the selected
 * customer's history; then the units and the reason; then the refund and its receipt.
 */
export function ReturnPanel({ tillCustomer, receiptRef, onNeedCustomer }: Props) {
  const [number, setNumber] = useState('');
  // Without a receipt the sale is picked from the history of the till's customer, whoever
  // is selected now: finding them after pressing "No receipt" is enough to go on.
  const [noReceipt, setNoReceipt] = useState(false);
  const [source, setSource] = useState<Source | null>(null);
  const [result, setResult] = useState<Sale | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [finding, setFinding] = useState(false);

  // Every pick mounts a fresh form: new quantities, reason and Idempotency-Key.
  const open = (sale: Sale, withReceipt: boolean) =>
    setSource((current) => ({ sale, withReceipt, n: (current?.n ?? 0) + 1 }));

  const findReceipt = (event: FormEvent) => {
    event.preventDefault();
    const text = number.trim();
    if (text === '') return;
    setFinding(true);
    setProblem(null);
    api
      .saleByNumber(text)
      .then(({ sale }) => {
        if (sale.kind !== 'sale') {
          setSource(null);
          setProblem(`${sale.number} is a refund, not a sale: scan the receipt of the sale.`);
          return;
        }
        setNumber('');
        setNoReceipt(false);
        open(sale, true);
      })
      .catch((err: unknown) => {
        // One error on screen at a time: the lookup's replaces the open return.
        setSource(null);
        setProblem(errorMessage(err));
      })
      .finally(() => setFinding(false));
  };

  const pickWithoutReceipt = () => {
    setSource(null);
    setProblem(null);
    setNoReceipt(true);
    if (tillCustomer === null) onNeedCustomer();
  };

  if (result !== null) {
    return (
      <ReturnResult
        sale={result}
        onNew={() => {
          setResult(null);
          setNoReceipt(false);
          setSource(null);
          setTimeout(() => receiptRef.current?.focus(), 0);
        }}
      />
    );
  }

  return (
    <section className="stack return-panel" data-testid="return-panel">
      <form className="row" onSubmit={findReceipt}>
        <label className="grow">
          Scan receipt
          <input
            ref={receiptRef}
            className="till-search"
            data-testid="return-receipt-input"
            autoComplete="off"
            spellCheck={false}
            placeholder="Scan the receipt’s barcode or type the sale number"
            value={number}
            onChange={(e) => setNumber(e.target.value)}
          />
        </label>
        <button type="submit" disabled={finding}>
          Find
        </button>
        <button type="button" data-testid="return-no-receipt" onClick={pickWithoutReceipt}>
          No receipt
        </button>
      </form>
      {problem !== null && (
        <p className="error" role="alert" data-testid="return-error">
          {problem}
        </p>
      )}
      {source === null && noReceipt && tillCustomer === null && (
        <p className="warning" role="status" data-testid="return-find-customer">
          Without a receipt, find the customer first: scan their card or search on the right.
        </p>
      )}
      {source === null && noReceipt && tillCustomer !== null && (
        <NoReceiptPicker
          key={tillCustomer.id}
          customer={tillCustomer}
          onPick={(sale) => open(sale, false)}
        />
      )}
      {source !== null && (
        <ReturnForm
          key={source.n}
          sale={source.sale}
          withReceipt={source.withReceipt}
          onReturned={(refund) => {
            setResult(refund);
            // Their spend, points and perhaps store credit moved: the panel loads them again.
            announceCustomerChange(refund.customer?.id);
          }}
          onCancel={() => setSource(null)}
        />
      )}
    </section>
  );
}
