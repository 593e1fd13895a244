import type { Who } from './use-sale-draft.ts';

type Props = {
  customer: Who | null;
  prompting: boolean;
  /** The customer selected in the till's search, who may be attached to the sale. */
  tillCustomer: Who | null;
  onAttach: (customer: Who) => void;
  onDetach: () => void;
  onSkip: () => void;
};

/** Whose sale this is: asked for at the start, attached or detached any time before Pay. */
export function SaleCustomer({
  customer,
  prompting,
  tillCustomer,
  onAttach,
  onDetach,
  onSkip,
}: Props) {
  if (prompting) {
    return (
      <div className="warning sale-customer" role="status" data-testid="sale-customer-prompt">
        <p>
          <strong>Who is the customer?</strong> Scan their card or find them in the search.
        </p>
        <div className="row">
          {tillCustomer !== null && (
            <button
              type="button"
              className="primary"
              data-testid="sale-same-customer"
              onClick={() => onAttach(tillCustomer)}
            >
              Same customer: {tillCustomer.name}
            </button>
          )}
          <button type="button" data-testid="sale-skip-customer" onClick={onSkip}>
            Skip customer (Esc)
          </button>
        </div>
      </div>
    );
  }
  const other = tillCustomer !== null && tillCustomer.id !== customer?.id ? tillCustomer : null;
  return (
    <div className="sale-customer row" data-testid="sale-customer">
      {customer === null ? (
        <span className="muted">No customer on this sale.</span>
      ) : (
        <span>
          Customer: <strong>{customer.name}</strong> <span className="mono">{customer.number}</span>
        </span>
      )}
      {other !== null && (
        <button
          type="button"
          className={customer === null ? 'primary' : undefined}
          data-testid="sale-attach-customer"
          onClick={() => onAttach(other)}
        >
          {customer === null ? 'Attach customer to sale' : 'Attach instead'}: {other.name}
        </button>
      )}
      {customer !== null && (
        <button type="button" data-testid="sale-detach-customer" onClick={onDetach}>
          Detach customer
        </button>
      )}
    </div>
  );
}
