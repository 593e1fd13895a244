import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { ApiError, errorMessage } from '../../api-error.ts';
import { cardNumberMessage } from '../../common/card-guard.ts';
import { formatMoney } from '../../common/money.ts';
import { useSubmitOnce } from '../../common/use-submit-once.ts';
import type { ReturnBody, Sale } from '@contract/sales.ts';
import { ApprovalForm, type Approval } from './ApprovalForm.tsx';
import { ReturnLinePicker } from './ReturnLinePicker.tsx';
import { originalRefund, refundTo, RefundToChoice, type RefundChoice } from './RefundToChoice.tsx';
import {
  reasonText,
  returnReasons,
  returnSelection,
  type Quantities,
  type ReturnReason,
} from './return-lines.ts';

type Props = {
  /** The sale the units come back from (mount a new form for another sale). */
  sale: Sale;
  withReceipt: boolean;
  onReturned: (refund: Sale) => void;
  onCancel: () => void;
};

const sendReturn = (body: ReturnBody, key: string) =>
  api.returnItems(body, key).then((answer) => answer.sale);

/**
 * Which units come back and why, and where the refund goes (the original tender, store
 * credit, or a gift card). A refund without
 * a receipt above the outlet's limit asks for a supervisor's username and PIN and is sent
 * again with them (under a new key: the refused attempt stored nothing).
 */
export function ReturnForm({ sale: initial, withReceipt, onReturned, onCancel }: Props) {
  const once = useSubmitOnce(sendReturn);
  const [sale, setSale] = useState(initial);
  const [quantities, setQuantities] = useState<Quantities>({});
  const [reason, setReason] = useState<ReturnReason | ''>('');
  const [other, setOther] = useState('');
  const [approval, setApproval] = useState<{ message: string; value: Approval } | null>(null);
  const [refund, setRefund] = useState<RefundChoice>(originalRefund);
  const [problem, setProblem] = useState<string | null>(null);

  const selection = returnSelection(sale.lines, quantities);
  const why = reasonText(reason, other);
  const money = (amount: number) => formatMoney(amount, sale.currency);

  const submit = async (withApproval: Approval | null) => {
    const destination = refundTo(refund);
    const refusal =
      selection.error ??
      (selection.lines.length === 0 ? 'Type how many of which item come back.' : null) ??
      (why === '' ? 'Choose the reason for the return.' : null) ??
      cardNumberMessage(other, 'reason') ??
      (destination.ok ? null : destination.message);
    setProblem(refusal);
    if (refusal !== null || !destination.ok) return;
    const answer = await once.submit({
      lines: selection.lines,
      withReceipt,
      reason: why,
      ...(destination.value === 'original' ? {} : { refundTo: destination.value }),
      ...(withApproval === null ? {} : { approval: withApproval }),
    });
    if (answer.ok) return onReturned(answer.value);
    const { error } = answer;
    if (!(error instanceof ApiError)) return;
    if (error.code === 'approval_required') {
      const limit = error.extensions.limit;
      const over = typeof limit === 'number' ? ` over ${money(limit)}` : '';
      setApproval({
        message:
          withApproval === null
            ? `A refund without a receipt${over} needs a supervisor’s approval.`
            : error.detail,
        value: { username: withApproval?.username ?? '', pin: '' },
      });
    }
    // Units were returned elsewhere meanwhile: show what is left now.
    if (error.code === 'return_exceeds_sold') {
      api
        .sale(sale.id)
        .then((fresh) => setSale(fresh.sale))
        .catch(() => undefined);
    }
  };

  const error = once.error;
  const needsApproval = error instanceof ApiError && error.code === 'approval_required';
  const shownError = problem ?? (error !== null && !needsApproval ? errorMessage(error) : null);

  return (
    <form
      className="stack"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void submit(null);
      }}
    >
      <p>
        {withReceipt ? 'Receipt' : 'No receipt — from the history'}:{' '}
        <strong className="mono" data-testid="return-sale-number">
          {sale.number}
        </strong>{' '}
        <span className="muted">
          {sale.outlet.name}
          {sale.customer !== null && ` · ${sale.customer.name}`}
        </span>
      </p>
      <ReturnLinePicker
        sale={sale}
        quantities={quantities}
        onChange={(lineId, value) => {
          setQuantities((current) => ({ ...current, [lineId]: value }));
          setProblem(null);
        }}
      />
      <div className="row">
        <label>
          Reason
          <select
            data-testid="return-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value as ReturnReason | '')}
          >
            <option value="">Choose…</option>
            {returnReasons.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        {reason === 'Other' && (
          <label className="grow">
            Say why
            <input
              autoComplete="off"
              maxLength={190}
              data-testid="return-reason-other"
              value={other}
              onChange={(e) => setOther(e.target.value)}
            />
          </label>
        )}
      </div>
      <RefundToChoice
        value={refund}
        customerName={sale.customer?.name ?? null}
        onChange={(value) => {
          setRefund(value);
          setProblem(null);
        }}
      />
      <p>
        Refund{' '}
        <span className="muted">
          (
          {refund.kind === 'original'
            ? 'to the original tender'
            : refund.kind === 'store_credit'
              ? 'as store credit'
              : 'onto the gift card'}
          )
        </span>
        : <strong data-testid="return-refund">{money(-selection.refund)}</strong>
      </p>
      {approval !== null && (
        <ApprovalForm
          message={approval.message}
          value={approval.value}
          busy={once.busy}
          onChange={(value) => setApproval({ ...approval, value })}
          onSubmit={() => void submit(approval.value)}
          onCancel={() => {
            setApproval(null);
            once.clearError();
          }}
        />
      )}
      {shownError !== null && (
        <p className="error" role="alert" data-testid="return-error">
          {shownError}
        </p>
      )}
      <div className="row">
        <button
          type="submit"
          className="primary big"
          data-testid="return-submit"
          disabled={once.busy || approval !== null}
        >
          {once.busy ? 'Refunding…' : 'Refund'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
