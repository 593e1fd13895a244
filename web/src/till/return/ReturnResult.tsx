import { formatMoney } from '../../common/money.ts';
import { ReceiptButtons } from '../../sales/ReceiptButtons.tsx';
import { SaleLinesTable } from '../../sales/SaleLinesTable.tsx';
import { SaleLoyaltySummary } from '../../sales/SaleLoyaltySummary.tsx';
import { SaleTenders } from '../../sales/SaleTenders.tsx';
import type { Sale } from '@contract/sales.ts';

/** The return as recorded: refund (a negative total) and where it goes back to. */
export function ReturnResult({ sale, onNew }: { sale: Sale; onNew: () => void }) {
  return (
    <section className="stack" data-testid="return-result">
      <h2>
        Return <span className="mono">{sale.number}</span> done
      </h2>
      <p className="change-due">
        Refund: <strong data-testid="return-total">{formatMoney(sale.total, sale.currency)}</strong>
      </p>
      <SaleLinesTable sale={sale} />
      <SaleTenders sale={sale} />
      <SaleLoyaltySummary sale={sale} testId="return-loyalty" />
      <ReceiptButtons sale={sale} prefix="return" />
      <div className="row">
        <button
          type="button"
          className="primary"
          autoFocus
          data-testid="return-new"
          onClick={onNew}
        >
          Next return
        </button>
      </div>
    </section>
  );
}
