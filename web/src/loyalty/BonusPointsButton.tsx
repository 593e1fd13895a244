import { useState } from 'react';
import { useCan } from '../session.ts';
import { BonusPointsDialog } from './BonusPointsDialog.tsx';

type Props = { customer: { id: string; name: string } };

/**
 * "Bonus points…": opens the dialog; says what was done when it closes. Anyone who sells
 * may ask; a cashier's request needs a supervisor's PIN, which the dialog asks for.
 */
export function BonusPointsButton({ customer }: Props) {
  const can = useCan();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  if (!can('sale.create')) return null;
  return (
    <div className="stack bonus-points">
      <div className="row">
        <button
          type="button"
          data-testid="bonus-open"
          onClick={() => {
            setNote(null);
            setOpen(true);
          }}
        >
          Bonus points…
        </button>
      </div>
      {note !== null && (
        <p className="note" role="status" data-testid="bonus-done">
          {note}
        </p>
      )}
      {open && (
        <BonusPointsDialog
          customer={customer}
          onCancel={() => setOpen(false)}
          onDone={(message) => {
            setOpen(false);
            setNote(message);
          }}
        />
      )}
    </div>
  );
}
