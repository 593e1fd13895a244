import { useCallback, useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { ApiError, errorMessage } from '../api-error.ts';
import { cardNumberMessage } from '../common/card-guard.ts';
import { ErrorText } from '../common/ErrorText.tsx';
import { formatMoney } from '../common/money.ts';
import { useSubmitOnce } from '../common/use-submit-once.ts';
import { ApprovalForm, type Approval } from '../till/return/ApprovalForm.tsx';
import type { Sale } from '@contract/sales.ts';

type Body = { reason: string; approval?: Approval };

type Props = {
  sale: Sale;
  /** The sale as it is now (voided), and what to tell the cashier to give back. */
  onVoided: (sale: Sale, message: string) => void;
};

/** "Give back £20.00 cash, £5.00 to gift card •••• 1234": the void record's tenders. */
function giveBack(record: Sale): string {
  const parts = record.tenders.map((tender) => {
    const amount = formatMoney(-tender.amount, record.currency);
    if (tender.kind === 'cash') return `${amount} in cash`;
    if (tender.kind === 'card')
      return `${amount} to the card (terminal ref. ${tender.reference ?? '—'})`;
    if (tender.kind === 'gift_card')
      return `${amount} back onto gift card ${tender.reference ?? ''}`;
    if (tender.kind === 'store_credit') return `${amount} back to store credit`;
    return `${amount} by ${tender.kind}`;
  });
  return parts.length === 0 ? '' : ` Refund ${parts.join(', ')}.`;
}

/**
 * Cancels a completed sale as if it never happened: every line back, every payment
 * reversed, gift cards and store credit it sold taken back. A cashier needs a
 * supervisor's username and PIN; the reason goes into the audit log.
 */
export function VoidSale({ sale, onVoided }: Props) {
  const send = useCallback(
    (body: Body, key: string) => api.voidSale(sale.id, body, key).then((answer) => answer.sale),
    [sale.id],
  );
  const once = useSubmitOnce(send);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [approval, setApproval] = useState<{ message: string; value: Approval } | null>(null);

  const submit = async (withApproval: Approval | null) => {
    const why = reason.trim();
    const refusal =
      why.length < 3 ? 'Say why the sale is voided.' : cardNumberMessage(why, 'Reason');
    setProblem(refusal);
    if (refusal !== null) return;
    const answer = await once.submit({
      reason: why,
      ...(withApproval === null ? {} : { approval: withApproval }),
    });
    if (answer.ok) {
      const record = answer.value;
      const message = `Sale voided: reversal ${record.number}.${giveBack(record)}`;
      const fresh = await api.sale(sale.id).then(
        (found) => found.sale,
        () => ({ ...sale, voidedAt: record.completedAt }),
      );
      onVoided(fresh, message);
      return;
    }
    const { error } = answer;
    if (error instanceof ApiError && error.code === 'approval_required') {
      setApproval({
        message: withApproval === null ? `${error.detail}.` : error.detail,
        value: { username: withApproval?.username ?? '', pin: '' },
      });
    }
  };

  if (!open) {
    return (
      <div className="row">
        <button
          type="button"
          className="danger"
          data-testid="sale-void"
          onClick={() => setOpen(true)}
        >
          Void sale
        </button>
      </div>
    );
  }

  const error = once.error;
  const needsApproval = error instanceof ApiError && error.code === 'approval_required';
  const shown = problem ?? (error !== null && !needsApproval ? errorMessage(error) : null);
  return (
    <form
      className="stack warning"
      data-testid="sale-void-form"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void submit(null);
      }}
    >
      <p>
        Voiding gives back everything: {formatMoney(sale.total, sale.currency)} is refunded the way
        it was paid, and gift cards or store credit this sale sold are taken back.
      </p>
      <div className="row">
        <label className="grow">
          Reason for voiding
          <input
            autoFocus
            autoComplete="off"
            maxLength={200}
            data-testid="sale-void-reason"
            placeholder="e.g. rung up on the wrong customer’s basket"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        <button
          type="submit"
          className="danger"
          data-testid="sale-void-confirm"
          disabled={once.busy || approval !== null}
        >
          {once.busy ? 'Voiding…' : 'Void sale'}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      {approval !== null && (
        <ApprovalForm
          message={approval.message}
          value={approval.value}
          busy={once.busy}
          submitLabel="Approve void"
          onChange={(value) => setApproval({ ...approval, value })}
          onSubmit={() => void submit(approval.value)}
          onCancel={() => {
            setApproval(null);
            once.clearError();
          }}
        />
      )}
      <ErrorText message={shown} testId="sale-void-error" />
    </form>
  );
}
