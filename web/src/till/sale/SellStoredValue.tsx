import { useState } from 'react';
import { SellGiftCardForm } from './SellGiftCardForm.tsx';
import { SellStoreCreditForm } from './SellStoreCreditForm.tsx';
import type { Who } from './use-sale-draft.ts';
import type { ValueLine } from './value-lines.ts';

type Props = {
  currency: string;
  customer: Who | null;
  valueLines: readonly ValueLine[];
  onAdd: (line: ValueLine) => void;
  /** Back to the item box once the line is added or the form closed. */
  onDone: () => void;
};

/** Beside the item box: sell a gift card, or store credit to the sale's customer. */
export function SellStoredValue({ currency, customer, valueLines, onAdd, onDone }: Props) {
  const [open, setOpen] = useState<'gift_card' | 'store_credit' | null>(null);
  const close = () => {
    setOpen(null);
    onDone();
  };
  const add = (line: ValueLine) => {
    onAdd(line);
    close();
  };
  const taken = valueLines.flatMap((line) =>
    line.kind === 'gift_card' && line.number !== null ? [line.number] : [],
  );

  return (
    <div className="stack">
      <div className="row">
        <button
          type="button"
          data-testid="sale-sell-gift-card"
          aria-expanded={open === 'gift_card'}
          onClick={() => setOpen(open === 'gift_card' ? null : 'gift_card')}
        >
          Sell a gift card
        </button>
        <button
          type="button"
          data-testid="sale-sell-store-credit"
          aria-expanded={open === 'store_credit'}
          disabled={customer === null}
          title={customer === null ? 'Attach the customer to sell them store credit' : undefined}
          onClick={() => setOpen(open === 'store_credit' ? null : 'store_credit')}
        >
          Sell store credit
        </button>
      </div>
      {open === 'gift_card' && (
        <SellGiftCardForm currency={currency} taken={taken} onAdd={add} onCancel={close} />
      )}
      {open === 'store_credit' && customer !== null && (
        <SellStoreCreditForm
          currency={currency}
          customerName={customer.name}
          onAdd={add}
          onCancel={close}
        />
      )}
    </div>
  );
}
