import { ApiError, errorMessage } from '../../api-error.ts';
import { failedAttempt } from '../../common/use-submit-once.ts';
import { formatMoney } from '../../common/money.ts';

/**
 * What went wrong completing a sale, in the cashier's terms. The server counts money in
 * pence in its messages; an amount it sends alongside is shown as money instead.
 */
export function saleErrorMessage(error: unknown, currency: string): string | null {
  if (error === null) return null;
  if (failedAttempt(error) === 'uncertain') {
    return `${errorMessage(error)} Press Complete again: the same sale is sent again under the same key, so it is never charged twice.`;
  }
  if (error instanceof ApiError && error.code === 'tenders_short') {
    const due = error.extensions.due;
    if (typeof due === 'number')
      return `The tenders leave ${formatMoney(due, currency)} still to pay.`;
  }
  if (error instanceof ApiError && error.code === 'tender_exceeds_total') {
    return 'The card pays more than is still due: take less by card.';
  }
  return errorMessage(error);
}
