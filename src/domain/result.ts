/**
 * Expected outcomes are values, not exceptions: a failure carries a stable code that
 * the HTTP layer maps to a status and the CLI prints as is. Bugs still throw.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'invalid_credentials'
  | 'account_disabled'
  | 'rate_limited'
  | 'not_found'
  | 'customer_not_found'
  | 'customer_erased'
  | 'customer_merged'
  | 'money_owed'
  | 'card_retired'
  | 'staff_not_found'
  | 'register_not_found'
  | 'register_required'
  | 'api_key_not_found'
  | 'username_taken'
  | 'invalid_card_number'
  | 'card_already_linked'
  | 'card_not_found'
  | 'card_not_active'
  | 'customer_not_active'
  | 'merge_same_customer'
  | 'version_conflict'
  | 'idempotency_key_reused'
  | 'request_in_progress'
  | 'product_not_found'
  | 'sku_taken'
  | 'outlet_not_found'
  | 'sale_not_found'
  | 'sale_line_not_found'
  | 'card_number_refused'
  | 'tender_exceeds_total'
  | 'tenders_short'
  | 'return_exceeds_sold'
  | 'approval_required'
  | 'sale_already_attached'
  | 'sale_not_attached'
  | 'sale_not_attachable'
  | 'sale_not_detachable'
  | 'customer_has_no_email'
  | 'mail_not_configured'
  | 'mail_failed'
  | 'invalid_gift_card_number'
  | 'gift_card_not_found'
  | 'gift_card_not_active'
  | 'gift_card_blocked'
  | 'gift_card_deactivated'
  | 'gift_card_expired'
  | 'gift_card_not_blocked'
  | 'gift_card_not_expired'
  | 'gift_card_number_taken'
  | 'insufficient_balance'
  | 'sale_not_voidable'
  | 'line_not_returnable'
  | 'reward_not_found'
  | 'reward_not_applicable'
  | 'insufficient_points'
  | 'group_not_found'
  | 'promotion_not_found'
  | 'group_name_taken'
  | 'database_unavailable'
  | 'backup_failed'
  // The register of data-subject requests.
  | 'rights_request_not_found'
  | 'request_already_done'
  // Insights: a saved segment's name is its handle in campaigns.
  | 'segment_name_taken'
  // A segment a campaign was built from stays while the campaign does.
  | 'segment_in_use'
  // Campaign templates and their one-click unsubscribe links.
  | 'unknown_merge_field'
  | 'unsafe_html'
  | 'invalid_unsubscribe_token'
  | 'unsubscribe_token_expired'
  | 'reconfirm_link_required'
  | 'reconfirm_link_not_allowed'
  | 'invalid_reconfirm_token'
  | 'reconfirm_token_expired'
  // Campaigns: not found, an action its state does not allow, a segment holding nobody.
  | 'campaign_not_found'
  | 'campaign_state_conflict'
  | 'segment_empty';

export type Failure = {
  readonly ok: false;
  readonly code: ErrorCode;
  readonly message: string;
  /** The input field at fault, as a path like `phone` or `address.postcode`. */
  readonly field?: string;
  readonly details?: Readonly<Record<string, unknown>>;
};

export type Success<T> = { readonly ok: true; readonly value: T };
export type Result<T> = Success<T> | Failure;

export function ok<T>(value: T): Success<T> {
  return { ok: true, value };
}

export function fail(
  code: ErrorCode,
  message: string,
  extra: { field?: string; details?: Record<string, unknown> } = {},
): Failure {
  return { ok: false, code, message, ...extra };
}

export function invalid(field: string, message: string): Failure {
  return fail('validation_failed', message, { field });
}
