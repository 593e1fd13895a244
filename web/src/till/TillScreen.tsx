import { useCallback, useState } from 'react';
import { api } from '../api.ts';
import { useCan } from '../session.ts';
import type { Customer, Duplicate } from '@contract/customers.ts';
import { useSaleDraft } from './sale/use-sale-draft.ts';
import { TillDetailColumn } from './TillDetailColumn.tsx';
import { TillSearchColumn } from './TillSearchColumn.tsx';
import { TillTabs, type TillMode } from './TillTabs.tsx';
import { TillWorkArea } from './TillWorkArea.tsx';
import { entryTarget, modeTarget } from './till-focus.ts';
import { createdNote, prefillFrom } from './till-helpers.ts';
import { useOutletSettings } from './use-outlet-settings.ts';
import { useSearchKeys } from './use-search-keys.ts';
import { useSelectedCustomer } from './use-selected-customer.ts';
import { useTillFocus } from './use-till-focus.ts';
import { useTillKeys } from './use-till-keys.ts';
import { erasedCustomerMessage, useTillSearch } from './use-till-search.ts';

/**
 * The till: one search box that always has focus, so a scan or a few typed letters find the
 * customer without the mouse. F2 creates a customer; Escape clears. In Sale (F8) and Return
 * (F9) mode the work takes the left and the customer search moves to the right; typing
 * then lands in the item (or receipt) box, unless the sale is asking for the customer.
 *
 * This component ties the areas together (tabs, work area, search, detail); each area and
 * the state it keeps live in their own files.
 */
export function TillScreen() {
  const can = useCan();
  const [mode, setMode] = useState<TillMode>('customer');
  const outletSettings = useOutletSettings();
  const draft = useSaleDraft(outletSettings.promptForCustomer);
  const focus = useTillFocus();
  const { searchRef, focusSoon, focusSearch } = focus;
  const search = useTillSearch();
  const { setQuery } = search;
  const customer = useSelectedCustomer();
  const { tillCustomer } = customer;
  const [form, setForm] = useState<{ name: string; phone: string } | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const { prompting, stage: saleStage } = draft;

  const skipCustomer = () => {
    draft.skip();
    focusSoon('item');
  };

  const canCreate = can('customer.create');
  const keys = useSearchKeys({
    search,
    onSelect: (result) => select(result.customer),
    onItemScan:
      mode === 'sale'
        ? async (code) => {
            const added = await draft.addByCode(code);
            if (!added.ok) return false;
            setQuery('');
            focusSoon('item');
            return true;
          }
        : null,
    onEscapeEmpty: () => (mode === 'sale' && prompting ? skipCustomer() : customer.clear()),
    setNote,
    canCreate,
  });

  const select = (
    found: { id: string; name: string; number: string },
    message: string | null = null,
  ) => {
    const who = { id: found.id, name: found.name, number: found.number };
    customer.choose(who);
    setNote(message);
    setQuery('');
    keys.forgetConfirmed();
    setForm(null);
    focusSearch();
    // The sale asked who the customer is: this is the answer; on with the items.
    if (mode === 'sale' && prompting) draft.attach(who);
    if (mode === 'sale' && saleStage === 'items') focusSoon('item');
  };

  const { start: startSale, started: saleStarted } = draft;
  const changeMode = useCallback(
    (next: TillMode) => {
      setMode(next);
      setNote(null);
      // A sale starts with the selected customer, or asks for one first.
      if (next === 'sale') startSale(tillCustomer);
      const asking = saleStarted ? prompting : tillCustomer === null;
      focusSoon(modeTarget(next, asking, saleStage));
    },
    [startSale, saleStarted, prompting, saleStage, tillCustomer, focusSoon],
  );

  // The next sale starts with nothing of the last one on it, its customer included (the next
  // shopper must not get their points). The customer stays selected at the till, though,
  // until the cashier clears them (Esc): they may still be at the counter for a return
  // without the receipt, or buy again with one press of "Same customer".
  const newSale = () => {
    setQuery('');
    setNote(null);
    draft.newSale();
    focusSoon(outletSettings.promptForCustomer ? 'search' : 'item');
  };

  /** A customer card scanned into the item box: select the customer and put them on the sale. */
  const customerScan = async (code: string): Promise<boolean> => {
    try {
      const { results, erased } = await api.search(code);
      const first = results[0];
      if (first === undefined && erased) {
        // An erased customer's card: say so by the search, not "no such product".
        setNote(erasedCustomerMessage);
        return true;
      }
      if (first === undefined || (first.matchedBy !== 'card' && first.matchedBy !== 'number')) {
        return false;
      }
      select(first.customer);
      draft.attach(first.customer);
      focusSoon('item');
      return true;
    } catch {
      return false;
    }
  };

  const openForm = useCallback(() => {
    if (!can('customer.create')) return;
    setForm((current) => current ?? prefillFrom(searchRef.current?.value ?? ''));
  }, [can, searchRef]);

  const canSell = can('sale.create');
  const canReturn = can('sale.return');
  const canCheckGiftCards = can('giftcard.read');
  const payable = mode === 'sale' && saleStage === 'items' && draft.payable;
  const entry = entryTarget(mode, prompting, saleStage);
  useTillKeys({
    onNewCustomer: openForm,
    onSale: canSell ? () => changeMode('sale') : null,
    onReturn: canReturn ? () => changeMode('return') : null,
    onPay: payable ? draft.pay : null,
    entry: entry === null ? null : focus.refFor(entry),
    formOpen: form !== null,
  });

  return (
    <>
      {(canSell || canReturn || canCheckGiftCards) && (
        <TillTabs
          mode={mode}
          canSell={canSell}
          canReturn={canReturn}
          canCheckGiftCards={canCheckGiftCards}
          onChange={changeMode}
        />
      )}
      <div className={`till mode-${mode}`}>
        <TillWorkArea
          mode={mode}
          tillCustomer={tillCustomer}
          sale={
            canSell
              ? {
                  draft,
                  currency: outletSettings.currency,
                  pricingMode: outletSettings.pricingMode,
                  itemRef: focus.itemRef,
                  cashRef: focus.cashRef,
                  onCustomerScan: customerScan,
                  onSkipCustomer: skipCustomer,
                  onNewSale: newSale,
                }
              : null
          }
          returns={
            canReturn
              ? { receiptRef: focus.receiptRef, onNeedCustomer: () => focusSoon('search') }
              : null
          }
          giftCardRef={canCheckGiftCards ? focus.giftCardRef : null}
        />
        <TillSearchColumn
          inputRef={searchRef}
          query={search.query}
          onQueryChange={(query) => {
            setQuery(query);
            setNote(null);
          }}
          onKeyDown={keys.onKeyDown}
          results={search.results}
          highlighted={keys.highlighted}
          stale={search.stale}
          erased={search.erased}
          error={search.error}
          note={note}
          onPick={(result) => select(result.customer)}
          onNewCustomer={canCreate ? openForm : null}
        />
        <TillDetailColumn
          form={form}
          selected={customer.selected}
          currency={outletSettings.currency}
          onCreated={(created: Customer, duplicates: Duplicate[]) =>
            select(created, createdNote(created, duplicates))
          }
          onSelectExisting={(duplicate) => select(duplicate)}
          onCancelForm={() => {
            setForm(null);
            focusSearch();
          }}
        />
      </div>
    </>
  );
}
