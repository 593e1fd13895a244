import { ApiError, errorMessage } from '../../api-error.ts';
import { failedAttempt } from '../../common/use-submit-once.ts';
import { formatMoney } from '../../common/money.ts';

/** The server's words as the start of a sentence: capital first, no full stop. */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1).replace(/\.$/, '');
}

/**
 * What went wrong completing a sale, in the cashier's terms. The server counts money in
 * pence in its messages; an amount it sends alongside is shown as money instead.
 */
export function saleErrorMessage(error: unknown, currency: string): string | null {
  if (error === null) return null;
  // A 503, but a definite refusal: pressing Complete again would fail the same way.
  if (error instanceof ApiError && error.code === 'mail_not_configured') {
    return 'Digital gift cards are sent by email, which is not set up here: remove the digital card and sell one from the rack instead.';
  }
  if (failedAttempt(error) === 'uncertain') {
    return `${errorMessage(error)} Press Complete again: the same sale is sent again under the same key, so it is never charged twice.`;
  }
  if (error instanceof ApiError && error.code === 'tenders_short') {
    const due = error.extensions.due;
    if (typeof due === 'number')
      return `The tenders leave ${formatMoney(due, currency)} still to pay.`;
  }
  if (error instanceof ApiError && error.code === 'tender_exceeds_total') {
    return 'A tender pays more than is still due: take less by card, or remove a gift card.';
  }
  if (error instanceof ApiError && error.code === 'insufficient_balance') {
    const balance = error.extensions.balance;
    const holds = typeof balance === 'number' ? ` only ${formatMoney(balance, currency)}` : ' less';
    return `A gift card or the store credit now holds${holds} (spent elsewhere meanwhile): remove it and add it again.`;
  }
  if (error instanceof ApiError && error.code === 'insufficient_points') {
    return `${sentence(error.detail)}. Go back to the items and remove the reward (the points may have been spent elsewhere).`;
  }
  if (error instanceof ApiError && error.code === 'reward_not_found') {
    return 'That reward is no longer offered: go back to the items and remove it.';
  }
  if (
    error instanceof ApiError &&
    (error.code === 'reward_not_applicable' || error.field === 'rewardId')
  ) {
    return `${sentence(error.detail)}. Go back to the items to put it right, or remove the reward.`;
  }
  return errorMessage(error);
}
