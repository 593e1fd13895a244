import { formatPoints } from '../common/loyalty-format.ts';
import { formatMoney } from '../common/money.ts';
import type { CustomerErasure } from '@contract/customers-erasure.ts';

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function suppressedLine({ email, sms }: CustomerErasure['suppressed']): string {
  if (email && sms) return 'Their email address and phone number are on the do-not-market list.';
  if (email) return 'Their email address is on the do-not-market list (no phone number was held).';
  if (sms) return 'Their phone number is on the do-not-market list (no email address was held).';
  return 'No email address or phone number was held, so nothing was put on the do-not-market list.';
}

/** What one erasure did, shown once right after it: money settled, cards, suppression. */
export function ErasureReport({ report }: { report: CustomerErasure }) {
  return (
    <section className="note" role="status" data-testid="erasure-report">
      <p>
        <strong>Customer {report.number} was erased.</strong>
      </p>
      <ul className="plain">
        {report.storeCredit.map((entry) => (
          <li key={entry.currency}>
            Store credit of {formatMoney(entry.amount, entry.currency)}{' '}
            {entry.outcome === 'paid_out' ? 'paid out to the customer' : 'forfeited'}.
          </li>
        ))}
        {report.pointsForfeited > 0 && <li>{formatPoints(report.pointsForfeited)} forfeited.</li>}
        <li>
          {report.cardsRetired === 0
            ? 'No customer cards were linked.'
            : `${plural(report.cardsRetired, 'customer card', 'customer cards')} retired: a scan now says the customer was erased.`}
        </li>
        {report.giftCardsUnlinked > 0 && (
          <li>
            {plural(report.giftCardsUnlinked, 'gift card', 'gift cards')} unlinked; they stay valid
            for whoever holds them.
          </li>
        )}
        <li>{suppressedLine(report.suppressed)}</li>
        {report.requestsClosed > 0 && (
          <li>
            {plural(report.requestsClosed, 'erasure request', 'erasure requests')} marked done.
          </li>
        )}
      </ul>
    </section>
  );
}
