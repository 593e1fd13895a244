import { useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import { ApiError, errorMessage } from '../../api-error.ts';
import type { Product } from '@contract/catalogue.ts';
import { isScan } from '../scan.ts';
import { ProductResults, productResultId } from './ProductResults.tsx';
import { useProductSearch } from './use-product-search.ts';

type Props = {
  inputRef: RefObject<HTMLInputElement | null>;
  addByCode: (code: string) => Promise<{ ok: true } | { ok: false; error: unknown }>;
  /** A product picked from the list found by name. */
  onAdd: (product: Product) => void;
  /** A scanned customer card in the item box: select and attach them; false if it is none. */
  onCustomerScan: (code: string) => Promise<boolean>;
};

const notFound = (error: unknown) =>
  error instanceof ApiError && error.code === 'product_not_found';

/**
 * The item box: a scanner types the barcode then Enter; a SKU can be typed the same way;
 * a few letters of the name list the products that match (↑ ↓ and Enter, or a click).
 * Enter with the list on screen takes its highlighted row. Enter before the list is there
 * tries the text as a barcode or SKU first, then as a name: one match goes on the sale,
 * several wait for the cashier's choice.
 */
export function ItemEntry({ inputRef, addByCode, onAdd, onCustomerScan }: Props) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const products = useProductSearch(code);
  // The highlight belongs to one list: a new list starts again at the top.
  const [highlight, setHighlight] = useState({ items: products.items, index: 0 });
  const highlighted = highlight.items === products.items ? highlight.index : 0;

  const reset = (message: string | null = null) => {
    setCode('');
    products.clear();
    setNote(null);
    setError(message);
    inputRef.current?.focus();
  };

  const take = (product: Product) => {
    onAdd(product);
    reset();
  };

  const lookUp = async (text: string): Promise<void> => {
    // A scan is cleared at once: the scanner may already be typing the next barcode.
    if (isScan(text)) setCode('');
    const added = await addByCode(text);
    if (added.ok) return reset();
    if (!notFound(added.error)) return setError(errorMessage(added.error));
    if (isScan(text)) {
      if (!(await onCustomerScan(text))) setError(errorMessage(added.error));
      return;
    }
    const found = await products.productsFor(text);
    if (found.length === 1 && found[0] !== undefined) return take(found[0]);
    if (found.length === 0)
      return setError(`No product has “${text}” in its name, barcode or SKU.`);
    setNote('Several products match. Choose with ↑ ↓ and press Enter.');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = code.trim();
    if (text === '') return;
    // The list on screen is for this text: Enter takes the row that is highlighted (or the
    // row whose SKU or barcode is exactly what was typed), as it does in customer search.
    const chosen = products.items[highlighted];
    if (!products.stale && chosen !== undefined) {
      const wanted = text.toLowerCase();
      const exact = products.items.find(
        (product) => product.sku.toLowerCase() === wanted || product.barcode === text,
      );
      return take(exact ?? chosen);
    }
    setBusy(true);
    setError(null);
    setNote(null);
    await lookUp(text);
    setBusy(false);
    inputRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = products.items.length;
    if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && count > 0) {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setHighlight({
        items: products.items,
        index: Math.min(Math.max(highlighted + step, 0), count - 1),
      });
    } else if (event.key === 'Escape' && code !== '') {
      event.preventDefault();
      event.stopPropagation();
      reset();
    }
  };

  const showList = products.items.length > 0;
  return (
    <form className="item-entry" onSubmit={(event) => void submit(event)}>
      <label>
        Item
        <input
          ref={inputRef}
          className="till-search"
          data-testid="sale-item-input"
          autoComplete="off"
          spellCheck={false}
          placeholder="Scan a barcode, or type a SKU or a few letters of the name"
          aria-busy={busy}
          role="combobox"
          aria-expanded={showList}
          aria-controls="product-results"
          aria-activedescendant={showList ? productResultId(highlighted) : undefined}
          value={code}
          onChange={(e) => {
            setCode(e.target.value);
            setError(null);
            setNote(null);
          }}
          onKeyDown={onKeyDown}
        />
      </label>
      {note !== null && (
        <p className="note" role="status" data-testid="sale-item-note">
          {note}
        </p>
      )}
      {error !== null && (
        <p className="error" role="alert" data-testid="sale-item-error">
          {error}
        </p>
      )}
      <ProductResults
        products={products.items}
        highlighted={highlighted}
        stale={products.stale}
        onPick={take}
      />
    </form>
  );
}
