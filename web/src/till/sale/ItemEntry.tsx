import { useState, type FormEvent, type RefObject } from 'react';
import { ApiError, errorMessage } from '../../api-error.ts';
import { isScan } from '../scan.ts';

type Props = {
  inputRef: RefObject<HTMLInputElement | null>;
  addByCode: (code: string) => Promise<{ ok: true } | { ok: false; error: unknown }>;
  /** A scanned customer card in the item box: select and attach them; false if it is none. */
  onCustomerScan: (code: string) => Promise<boolean>;
};

/** The item box: a scanner types the barcode then Enter; a SKU can be typed the same way. */
export function ItemEntry({ inputRef, addByCode, onCustomerScan }: Props) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = code.trim();
    if (text === '') return;
    setBusy(true);
    setError(null);
    // Cleared at once: the scanner may already be typing the next barcode.
    setCode('');
    const added = await addByCode(text);
    let message: string | null = null;
    if (!added.ok) {
      const missing = added.error instanceof ApiError && added.error.code === 'product_not_found';
      const customer = missing && isScan(text) ? await onCustomerScan(text) : false;
      if (!customer) message = errorMessage(added.error);
    }
    setError(message);
    setBusy(false);
    inputRef.current?.focus();
  };

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
          placeholder="Scan or type a barcode or SKU, then Enter"
          aria-busy={busy}
          value={code}
          onChange={(e) => {
            setCode(e.target.value);
            setError(null);
          }}
        />
      </label>
      {error !== null && (
        <p className="error" role="alert" data-testid="sale-item-error">
          {error}
        </p>
      )}
    </form>
  );
}
