import { checkGiftCardNumber } from '../../common/gift-card-number.ts';
import type { RefundDestination } from '@contract/sales.ts';

export type RefundChoice = { kind: 'original' | 'store_credit' | 'gift_card'; giftCard: string };

export const originalRefund: RefundChoice = { kind: 'original', giftCard: '' };

/** The `refundTo` of the request, or why it cannot be sent yet. */
export function refundTo(
  choice: RefundChoice,
): { ok: true; value: RefundDestination } | { ok: false; message: string } {
  if (choice.kind !== 'gift_card') return { ok: true, value: choice.kind };
  const checked = checkGiftCardNumber(choice.giftCard);
  return checked.ok ? { ok: true, value: { giftCard: checked.number } } : checked;
}

type Props = {
  value: RefundChoice;
  /** Store credit belongs to a customer: offered only when the sale has one. */
  customerName: string | null;
  onChange: (value: RefundChoice) => void;
};

/** Where the refund goes: back the way it was paid, to store credit, or onto a gift card. */
export function RefundToChoice({ value, customerName, onChange }: Props) {
  return (
    <div className="row">
      <label>
        Refund to
        <select
          data-testid="return-refund-to"
          value={value.kind}
          onChange={(e) => onChange({ ...value, kind: e.target.value as RefundChoice['kind'] })}
        >
          <option value="original">the original payment</option>
          {customerName !== null && (
            <option value="store_credit">store credit for {customerName}</option>
          )}
          <option value="gift_card">a gift card</option>
        </select>
      </label>
      {value.kind === 'gift_card' && (
        <label className="grow">
          Gift card number
          <input
            autoFocus
            autoComplete="off"
            spellCheck={false}
            inputMode="numeric"
            placeholder="Scan the card the refund goes onto"
            data-testid="return-refund-gift-card"
            value={value.giftCard}
            onChange={(e) => onChange({ ...value, giftCard: e.target.value })}
          />
        </label>
      )}
    </div>
  );
}
