import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { api } from '../api.ts';
import { errorMessage } from '../api-error.ts';
import { useCan } from '../session.ts';
import { useOutletSettings } from './use-outlet-settings.ts';
import type { Customer, Duplicate } from '../types.ts';
import { CustomerPanel, type Selected } from './CustomerPanel.tsx';
import { NewCustomerForm } from './NewCustomerForm.tsx';
import { GiftCardCheck } from './gift-card/GiftCardCheck.tsx';
import { ReturnPanel } from './return/ReturnPanel.tsx';
import { SalePanel } from './sale/SalePanel.tsx';
import { useSaleDraft, type Who } from './sale/use-sale-draft.ts';
import { SearchResults, resultId } from './SearchResults.tsx';
import { TillTabs, type TillMode } from './TillTabs.tsx';
import { createdNote, prefillFrom } from './till-helpers.ts';
import { useTillKeys } from './use-till-keys.ts';
import { isScan, onEnter } from './scan.ts';
import { useTillSearch } from './use-till-search.ts';

/**
 * The till: one search box that always has focus, so a scan or a few typed letters find the
 * customer without the mouse. F2 creates a customer; Escape clears. In Sale (F8) and Return
 * (F9) mode the work takes the left and the customer search moves to the right; typing
 * then lands in the item (or receipt) box, unless the sale is asking for the customer.
 */
type FocusTarget = 'search' | 'item' | 'cash' | 'receipt' | 'gift-card';

export function TillScreen() {
  const can = useCan();
  const [mode, setMode] = useState<TillMode>('customer');
  const outletSettings = useOutletSettings();
  const draft = useSaleDraft(outletSettings.promptForCustomer);
  const itemRef = useRef<HTMLInputElement>(null);
  const cashRef = useRef<HTMLInputElement>(null);
  const receiptRef = useRef<HTMLInputElement>(null);
  const giftCardRef = useRef<HTMLInputElement>(null);
  // Focus moves after the render that shows the target (a hidden panel cannot take it).
  const [focusWanted, setFocusWanted] = useState<{ target: FocusTarget; n: number } | null>(null);
  const focusSoon = useCallback(
    (target: FocusTarget) => setFocusWanted((current) => ({ target, n: (current?.n ?? 0) + 1 })),
    [],
  );
  const search = useTillSearch();
  const { results, stale, setQuery } = search;
  // The highlight belongs to one list of results: a new list starts again at the top, with
  // no effect in between that could undo an arrow key pressed right after the list arrived.
  const [highlight, setHighlight] = useState({ results, index: 0 });
  const highlighted = highlight.results === results ? highlight.index : 0;
  // The query whose list the cashier has engaged with (arrows, or Enter on an ambiguous scan).
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const [selected, setSelected] = useState<Selected | null>(null);
  const [form, setForm] = useState<{ name: string; phone: string } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const selectedId = useRef<string | null>(null);

  const focusSearch = useCallback(() => inputRef.current?.focus(), []);

  useEffect(() => {
    if (focusWanted === null) return;
    const refs = {
      search: inputRef,
      item: itemRef,
      cash: cashRef,
      receipt: receiptRef,
      'gift-card': giftCardRef,
    };
    refs[focusWanted.target].current?.focus();
  }, [focusWanted]);

  const { prompting, attach: attachToSale, stage: saleStage } = draft;
  const select = useCallback(
    (found: { id: string; name: string; number: string }, message: string | null = null) => {
      const who = { id: found.id, name: found.name, number: found.number };
      selectedId.current = who.id;
      setSelected({ ...who, customer: null, error: null });
      setNote(message);
      setQuery('');
      setConfirmed(null);
      setForm(null);
      focusSearch();
      // The sale asked who the customer is: this is the answer; on with the items.
      if (mode === 'sale' && prompting) attachToSale(who);
      if (mode === 'sale' && saleStage === 'items') focusSoon('item');
      // Search rows are summaries; the panel shows notes, preferences and consent too.
      api
        .customer(who.id)
        .then(({ customer }) => {
          if (selectedId.current === who.id) setSelected({ ...who, customer, error: null });
        })
        .catch((err: unknown) => {
          if (selectedId.current === who.id) {
            setSelected({ ...who, customer: null, error: errorMessage(err) });
          }
        });
    },
    [setQuery, focusSearch, mode, prompting, attachToSale, saleStage, focusSoon],
  );

  const tillCustomer: Who | null = useMemo(
    () =>
      selected === null ? null : { id: selected.id, name: selected.name, number: selected.number },
    [selected],
  );

  const clearCustomer = useCallback(() => {
    selectedId.current = null;
    setSelected(null);
  }, []);

  const { start: startSale, started: saleStarted } = draft;
  const changeMode = useCallback(
    (next: TillMode) => {
      setMode(next);
      setNote(null);
      if (next === 'sale') {
        // A sale starts with the selected customer, or asks for one first.
        startSale(tillCustomer);
        const asking = saleStarted ? prompting : tillCustomer === null;
        focusSoon(asking ? 'search' : saleStage === 'pay' ? 'cash' : 'item');
      } else focusSoon(next === 'return' ? 'receipt' : next === 'gift-card' ? next : 'search');
    },
    [startSale, saleStarted, prompting, saleStage, tillCustomer, focusSoon],
  );

  const skipCustomer = () => {
    draft.skip();
    focusSoon('item');
  };

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
      const { results } = await api.search(code);
      const first = results[0];
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
    setForm((current) => current ?? prefillFrom(inputRef.current?.value ?? ''));
  }, [can]);

  const closeForm = () => {
    setForm(null);
    focusSearch();
  };

  const canSell = can('sale.create');
  const canReturn = can('sale.return');
  const canCheckGiftCards = can('giftcard.read');
  const payable = mode === 'sale' && saleStage === 'items' && draft.payable;
  useTillKeys({
    onNewCustomer: openForm,
    onSale: canSell ? () => changeMode('sale') : null,
    onReturn: canReturn ? () => changeMode('return') : null,
    onPay: payable ? draft.pay : null,
    entry:
      mode === 'customer' || (mode === 'sale' && prompting)
        ? inputRef
        : mode === 'return'
          ? receiptRef
          : mode === 'gift-card'
            ? giftCardRef
            : saleStage === 'pay'
              ? cashRef
              : saleStage === 'items'
                ? itemRef
                : null,
    formOpen: form !== null,
  });

  const enter = async (text: string) => {
    let found;
    try {
      found = await search.resultsFor(text);
    } catch {
      return;
    }
    const outcome = onEnter({
      text,
      results: found,
      highlighted: stale ? 0 : highlighted,
      confirmed: confirmed === text,
    });
    if (outcome.kind === 'none' && mode === 'sale' && isScan(text)) {
      // Asked for the customer, the cashier scanned the first item: skip to the items.
      const added = await draft.addByCode(text);
      if (added.ok) {
        setQuery('');
        focusSoon('item');
        return;
      }
    }
    if (outcome.kind === 'select') select(outcome.result.customer);
    else if (outcome.kind === 'choose') {
      setConfirmed(text);
      setNote('Several customers match. Choose with ↑ ↓ and press Enter.');
    } else {
      setNote(
        `No customer found for “${text}”.${can('customer.create') ? ' Press F2 to create one.' : ''}`,
      );
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const text = event.currentTarget.value.trim();
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const index = Math.min(Math.max(highlighted + step, 0), Math.max(results.length - 1, 0));
      setHighlight({ results, index });
      setConfirmed(text);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (text !== '') void enter(text);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (text !== '') setQuery('');
      else if (mode === 'sale' && prompting) skipCustomer();
      else clearCustomer();
      setNote(null);
      setConfirmed(null);
    }
  };

  const onCreated = (customer: Customer, duplicates: Duplicate[]) =>
    select(customer, createdNote(customer, duplicates));
  const onSelectExisting = (duplicate: Duplicate) => select(duplicate);

  const showList = results.length > 0 && search.query.trim() !== '';
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
        <div className="till-work" hidden={mode === 'customer'}>
          {canSell && (
            <div hidden={mode !== 'sale'}>
              <SalePanel
                draft={draft}
                currency={outletSettings.currency}
                tillCustomer={tillCustomer}
                itemRef={itemRef}
                cashRef={cashRef}
                onCustomerScan={customerScan}
                onSkipCustomer={skipCustomer}
                onNewSale={newSale}
              />
            </div>
          )}
          {canReturn && (
            <div hidden={mode !== 'return'}>
              <ReturnPanel
                tillCustomer={tillCustomer}
                receiptRef={receiptRef}
                onNeedCustomer={() => focusSoon('search')}
              />
            </div>
          )}
          {canCheckGiftCards && (
            <div hidden={mode !== 'gift-card'}>
              <GiftCardCheck inputRef={giftCardRef} />
            </div>
          )}
        </div>
        <div className="till-search-column">
          <input
            ref={inputRef}
            className="till-search"
            data-testid="till-search"
            type="search"
            autoFocus
            autoComplete="off"
            spellCheck={false}
            placeholder="Scan card, or type name, phone, number"
            aria-label="Find customer"
            role="combobox"
            aria-expanded={showList}
            aria-controls="till-results"
            aria-activedescendant={showList ? resultId(highlighted) : undefined}
            value={search.query}
            onChange={(e) => {
              setQuery(e.target.value);
              setNote(null);
            }}
            onKeyDown={onKeyDown}
          />
          {search.error !== null && <p className="error">{search.error}</p>}
          {note !== null && (
            <p className="note" role="status" data-testid="till-note">
              {note}
            </p>
          )}
          {showList && (
            <SearchResults
              results={results}
              highlighted={highlighted}
              stale={stale}
              onPick={(result) => select(result.customer)}
            />
          )}
          {can('customer.create') && (
            <button
              type="button"
              className="new-customer"
              data-testid="new-customer-button"
              onClick={openForm}
            >
              New customer (F2)
            </button>
          )}
        </div>
        <div className="till-detail-column">
          {form !== null ? (
            <NewCustomerForm
              initial={form}
              onCreated={onCreated}
              onSelectExisting={onSelectExisting}
              onCancel={closeForm}
            />
          ) : selected !== null ? (
            <CustomerPanel selected={selected} currency={outletSettings.currency} />
          ) : (
            <p className="muted hint">
              Scan the customer’s card or type a few letters of their name, their phone number or
              customer number. ↑ ↓ to move, Enter to choose, Esc to clear.
            </p>
          )}
        </div>
      </div>
    </>
  );
}
