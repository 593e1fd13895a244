import { formatMoney } from '../../common/money.ts';
import type { Sale } from '@contract/sales.ts';
import { checkReturnLine, type Quantities } from './return-lines.ts';

type Props = {
  sale: Sale;
  quantities: Quantities;
  onChange: (lineId: string, quantity: string) => void;
};

/** The sold lines with what may still come back; the cashier types how many do. */
export function ReturnLinePicker({ sale, quantities, onChange }: Props) {
  const money = (amount: number) => formatMoney(amount, sale.currency);
  return (
    <table className="table compact" data-testid="return-lines">
      <thead>
        <tr>
          <th>Item</th>
          <th className="num">Sold</th>
          <th className="num">Returned</th>
          <th className="num">Paid</th>
          <th className="num">Return</th>
          <th className="num">Refund</th>
        </tr>
      </thead>
      <tbody>
        {sale.lines.map((line) => {
          const checked = checkReturnLine(line, quantities[line.id]);
          return (
            <tr key={line.id} className={line.returnable === 0 ? 'inactive' : undefined}>
              <td>
                {line.name}{' '}
                <span className="muted">
                  {[line.sku, line.size, line.colour].filter(Boolean).join(' · ')}
                </span>
                {checked.error !== null && (
                  <p className="error" role="alert">
                    {checked.error}
                  </p>
                )}
              </td>
              <td className="num">{line.quantity}</td>
              <td className="num">{line.returnedQuantity}</td>
              <td className="num">{money(line.total)}</td>
              <td className="num">
                {line.kind !== 'product' ? (
                  <span className="muted">not returnable</span>
                ) : (
                  <>
                    <input
                      className="qty"
                      inputMode="numeric"
                      autoComplete="off"
                      placeholder="0"
                      aria-label={`Units of ${line.name} to return (up to ${line.returnable})`}
                      data-testid={`return-qty-${line.lineNo}`}
                      aria-invalid={checked.error !== null}
                      value={quantities[line.id] ?? ''}
                      onChange={(e) => onChange(line.id, e.target.value)}
                    />
                    <span className="muted"> of {line.returnable}</span>
                  </>
                )}
              </td>
              <td className="num">
                {checked.units > 0 && checked.error === null ? money(-checked.refund) : ''}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
