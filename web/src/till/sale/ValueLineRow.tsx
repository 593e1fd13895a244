import { formatMoney } from '../../common/money.ts';
import { describeValueLine, type ValueLine } from './value-lines.ts';

type Props = { line: ValueLine; n: number; currency: string; onRemove: () => void };

/** A gift card or store credit in the basket: one unit at the amount typed, no discount. */
export function ValueLineRow({ line, n, currency, onRemove }: Props) {
  const name = describeValueLine(line);
  const money = formatMoney(line.amount, currency);
  return (
    <tr data-testid="sale-value-line">
      <td>
        {name}
        {line.kind === 'gift_card' && line.note !== null && (
          <>
            <br />
            <span className="muted">{line.note}</span>
          </>
        )}
      </td>
      <td className="num">{money}</td>
      <td className="num">1</td>
      <td className="num" />
      <td className="num" data-testid={`sale-value-line-total-${n}`}>
        {money}
      </td>
      <td>
        <button
          type="button"
          className="link-button"
          data-testid={`sale-value-line-remove-${n}`}
          aria-label={`Remove ${name}`}
          onClick={onRemove}
        >
          Remove
        </button>
      </td>
    </tr>
  );
}
