import type { ComponentProps, RefObject } from 'react';
import { GiftCardCheck } from './gift-card/GiftCardCheck.tsx';
import { ReturnPanel } from './return/ReturnPanel.tsx';
import { SalePanel } from './sale/SalePanel.tsx';
import type { Who } from './sale/use-sale-draft.ts';
import type { TillMode } from './TillTabs.tsx';

type Props = {
  mode: TillMode;
  /** The panels the role may use; null where it may not. */
  sale: Omit<ComponentProps<typeof SalePanel>, 'tillCustomer'> | null;
  returns: { receiptRef: RefObject<HTMLInputElement | null>; onNeedCustomer: () => void } | null;
  giftCardRef: RefObject<HTMLInputElement | null> | null;
  tillCustomer: Who | null;
};

/**
 * The left of the till in Sale, Return and Gift card mode. Every panel the role may use stays
 * mounted while hidden, so a half-rung sale survives a look at a gift card's balance.
 */
export function TillWorkArea({ mode, sale, returns, giftCardRef, tillCustomer }: Props) {
  return (
    <div className="till-work" hidden={mode === 'customer'}>
      {sale !== null && (
        <div hidden={mode !== 'sale'}>
          <SalePanel {...sale} tillCustomer={tillCustomer} />
        </div>
      )}
      {returns !== null && (
        <div hidden={mode !== 'return'}>
          <ReturnPanel
            tillCustomer={tillCustomer}
            receiptRef={returns.receiptRef}
            onNeedCustomer={returns.onNeedCustomer}
          />
        </div>
      )}
      {giftCardRef !== null && (
        <div hidden={mode !== 'gift-card'}>
          <GiftCardCheck inputRef={giftCardRef} />
        </div>
      )}
    </div>
  );
}
