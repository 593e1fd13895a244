import { formatMoney } from '../common/money.ts';
import type { Sale, SaleLine } from '@contract/sales.ts';
import { saleTotalRows } from './sale-totals.ts';

function describe(line: SaleLine): string {
  return [line.sku, line.size, line.colour]
    .filter((part) => part !== null && part !== '')
    .join(' · ');
}

/** The lines and totals of a sale or return as the server priced them. */
export function SaleLinesTable({ sale }: { sale: Sale }) {
  const money = (amount: number) => formatMoney(amount, sale.currency);
  const returnedAny = sale.lines.some((line) => line.returnedQuantity > 0);
  const totals = saleTotalRows(sale);
  return (
    <table className="table compact sale-lines">
      <thead>
        <tr>
          <th>Item</th>
          <th className="num">Qty</th>
          <th className="num">Price</th>
          <th className="num">Discount</th>
          <th className="num">Total</th>
        </tr>
      </thead>
      <tbody>
        {sale.lines.map((line) => (
          <tr key={line.id}>
            <td>
              {line.name} <span className="muted">{describe(line)}</span>
              {returnedAny && line.returnedQuantity > 0 && (
                <>
                  {' '}
                  <span className="badge warn">{line.returnedQuantity} returned</span>
                </>
              )}
            </td>
            <td className="num">{line.quantity}</td>
            <td className="num">{money(line.unitPrice)}</td>
            <td className="num">{line.discount === 0 ? '' : money(-line.discount)}</td>
            <td className="num">{money(line.total)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        {totals.rows.map((row) => (
          <tr key={row.key}>
            <td colSpan={4}>{row.label}</td>
            <td className="num" data-testid={`sale-detail-${row.key}`}>
              {money(row.amount)}
            </td>
          </tr>
        ))}
        <tr className="total-row">
          <td colSpan={4}>{totals.total.label}</td>
          <td className="num" data-testid="sale-detail-total">
            {money(totals.total.amount)}
          </td>
        </tr>
        {totals.taxIncluded !== null && (
          <tr className="muted">
            <td colSpan={4}>Tax included</td>
            <td className="num">{money(totals.taxIncluded)}</td>
          </tr>
        )}
      </tfoot>
    </table>
  );
}
