import type { PricingMode } from '@domain/sales.ts';
import { formatMoney } from '../../common/money.ts';
import { checkLine, type DraftLine } from './sale-lines.ts';
import { ValueLineRow } from './ValueLineRow.tsx';
import type { ValueLine } from './value-lines.ts';

type Props = {
  lines: readonly DraftLine[];
  /** Gift cards and store credit sold, after the products. */
  valueLines: readonly ValueLine[];
  currency: string;
  pricingMode: PricingMode;
  onChange: (index: number, change: Partial<DraftLine>) => void;
  onRemove: (index: number) => void;
  onRemoveValue: (index: number) => void;
};

/** The basket: quantity and line discount editable in place; line numbers from 1. */
export function DraftLinesTable(props: Props) {
  const { lines, valueLines, onChange, onRemove } = props;
  if (lines.length === 0 && valueLines.length === 0) {
    return <p className="muted hint">Scan the first item.</p>;
  }
  return (
    <table className="table compact draft-lines" data-testid="sale-lines">
      <thead>
        <tr>
          <th>Item</th>
          <th className="num">Price</th>
          <th className="num">Qty</th>
          <th className="num">Discount</th>
          <th className="num">Total</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {lines.map((line, index) => {
          const n = index + 1;
          const checked = checkLine(line, props.pricingMode);
          const { product } = line;
          const money = (amount: number) => formatMoney(amount, product.currency);
          return (
            <tr key={product.id} data-testid="sale-line">
              <td>
                {product.name}
                <br />
                <span className="muted">
                  {[product.sku, product.size, product.colour].filter(Boolean).join(' · ')}
                </span>
                {checked.error !== null && (
                  <p className="error" role="alert">
                    {checked.error}
                  </p>
                )}
              </td>
              <td className="num">{money(product.price)}</td>
              <td className="num">
                <input
                  className="qty"
                  inputMode="numeric"
                  autoComplete="off"
                  aria-label={`Quantity of ${product.name}`}
                  data-testid={`sale-line-qty-${n}`}
                  aria-invalid={checked.quantity === null}
                  value={line.quantity}
                  onChange={(e) => onChange(index, { quantity: e.target.value })}
                />
              </td>
              <td className="num">
                <input
                  className="amount"
                  inputMode="decimal"
                  autoComplete="off"
                  placeholder="0.00"
                  aria-label={`Discount on ${product.name}`}
                  data-testid={`sale-line-discount-${n}`}
                  aria-invalid={checked.quantity !== null && checked.total === null}
                  value={line.discount}
                  onChange={(e) => onChange(index, { discount: e.target.value })}
                />
              </td>
              <td className="num" data-testid={`sale-line-total-${n}`}>
                {checked.total === null ? '—' : money(checked.total)}
              </td>
              <td>
                <button
                  type="button"
                  className="link-button"
                  data-testid={`sale-line-remove-${n}`}
                  aria-label={`Remove ${product.name}`}
                  onClick={() => onRemove(index)}
                >
                  Remove
                </button>
              </td>
            </tr>
          );
        })}
        {valueLines.map((line, index) => (
          <ValueLineRow
            key={`value-${index}`}
            line={line}
            n={index + 1}
            currency={props.currency}
            onRemove={() => props.onRemoveValue(index)}
          />
        ))}
      </tbody>
    </table>
  );
}
