import type { ColumnType, Generated } from 'kysely';

/** Timestamps come back as Date and may be written as Date or ISO strings. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type RoleColumn = 'cashier' | 'supervisor' | 'marketer' | 'admin' | 'auditor';

export type SettingsTable = { key: string; value: Json<unknown>; updated_at: Timestamp };

export type OutletsTable = {
  id: string;
  code: string;
  name: string;
  currency: string;
  time_zone: string;
  settings: Json<Record<string, unknown>>;
  pricing_mode: Generated<'tax_inclusive' | 'tax_exclusive'>;
  receipt_header: Generated<string>;
  no_receipt_return_limit: Generated<number>;
  created_at: Timestamp;
};

export type RegistersTable = {
  id: string;
  outlet_id: string;
  code: string;
  name: string;
  active: Generated<boolean>;
};

export type StaffTable = {
  id: string;
  username: string;
  display_name: string;
  role: RoleColumn;
  password_hash: string | null;
  pin_hash: string | null;
  active: Generated<boolean>;
  home_outlet_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type SessionsTable = {
  token_hash: Buffer;
  staff_id: string;
  method: 'password' | 'pin';
  outlet_id: string | null;
  register_id: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
};

export type ApiKeysTable = {
  id: string;
  name: string;
  role: RoleColumn;
  prefix: string;
  secret_hash: Buffer;
  created_by_staff_id: string | null;
  created_at: Timestamp;
  revoked_at: Date | null;
};

export type AuditLogTable = {
  id: string;
  at: Timestamp;
  action: string;
  actor_staff_id: string | null;
  actor_api_key_id: string | null;
  actor_label: string;
  outlet_id: string | null;
  subject_type: string | null;
  subject_id: string | null;
  detail: Json<Record<string, unknown>>;
};

export type CustomersTable = {
  id: string;
  number: string;
  name: string;
  search_name: string;
  preferences: Json<{ sizes: string[]; brands: string[]; interests: string[] }>;
  notes: string | null;
  status: Generated<'active' | 'merged' | 'erased'>;
  merged_into_id: string | null;
  /** When the customer objected to profiling (art. 21); null = no objection. */
  objects_to_profiling_at: Timestamp | null;
  /** When the customer was erased (art. 17); set exactly when status is 'erased'. */
  erased_at: Timestamp | null;
  created_by_staff_id: string | null;
  created_outlet_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
};

export type CustomerContactsTable = {
  customer_id: string;
  wrapped_key: Buffer;
  phone: Buffer | null;
  email: Buffer | null;
  address: Buffer | null;
  birthday: Buffer | null;
  updated_at: Timestamp;
};

export type LookupKind = 'phone' | 'email' | 'phone_ending' | 'birthday_md';

export type CustomerLookupsTable = { kind: LookupKind; digest: Buffer; customer_id: string };

export type CustomerCardsTable = {
  number: string;
  customer_id: string;
  status: 'active' | 'lost';
  linked_at: Timestamp;
  linked_by_staff_id: string | null;
  ended_at: Date | null;
  replaced_by: string | null;
};

export type CustomerChangesTable = {
  id: string;
  customer_id: string;
  at: Timestamp;
  kind: string;
  actor_staff_id: string | null;
  actor_api_key_id: string | null;
  outlet_id: string | null;
  fields: Json<Record<string, unknown>>;
};

export type CustomerNameTermsTable = { term: string; search_name: string; customer_id: string };
export type NameTermsTable = { term: string };

export type ConsentRecordsTable = {
  id: string;
  customer_id: string;
  channel: 'email' | 'sms';
  granted: boolean;
  wording: string;
  recorded_at: Timestamp;
  staff_id: string | null;
  api_key_id: string | null;
  outlet_id: string | null;
  source: string;
  /** The version shown; null only once erasure reduced the record. */
  wording_id: string | null;
};

/** Consent texts, each stored once and versioned per channel; one current per channel. */
export type ConsentWordingsTable = {
  id: string;
  channel: 'email' | 'sms';
  version: number;
  text: string;
  current: Generated<boolean>;
  created_at: Timestamp;
};

export type IdempotencyKeysTable = {
  scope: string;
  key: string;
  request_hash: Buffer;
  response_status: number | null;
  response_body: string | null;
  response_type: string | null;
  created_at: Timestamp;
  completed_at: Date | null;
  claim_id: string | null;
  lease_until: Date | null;
};

export type ProductsTable = {
  id: string;
  sku: string;
  barcode: string | null;
  name: string;
  category: string | null;
  brand: string | null;
  size: string | null;
  colour: string | null;
  price: number;
  currency: string;
  tax_rate_bp: number;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type SaleNumberCountersTable = { counter_key: string; last_number: Generated<number> };

export type SalesTable = {
  id: string;
  kind: 'sale' | 'return';
  number: string;
  outlet_id: string;
  register_id: string | null;
  staff_id: string | null;
  api_key_id: string | null;
  customer_id: string | null;
  currency: string;
  pricing_mode: 'tax_inclusive' | 'tax_exclusive';
  subtotal: number;
  discount_total: number;
  tax_total: number;
  total: number;
  original_sale_id: string | null;
  exchange_id: string | null;
  reason: string | null;
  approved_by_staff_id: string | null;
  source: string;
  external_ref: string | null;
  idempotency_key: string | null;
  request_hash: Buffer | null;
  completed_at: Timestamp;
  created_at: Timestamp;
  liability_total: Generated<number>;
  voided_at: Timestamp | null;
  voided_by_sale_id: string | null;
  group_id: string | null;
  group_discount_total: Generated<number>;
  reward_id: string | null;
  reward_discount_total: Generated<number>;
  points_earned: Generated<Points>;
  points_redeemed: Generated<Points>;
};

export type SaleLinesTable = {
  id: string;
  sale_id: string;
  line_no: number;
  customer_id: string | null;
  product_id: string | null;
  sku: string;
  name: string;
  category: string | null;
  brand: string | null;
  size: string | null;
  colour: string | null;
  quantity: number;
  unit_price: number;
  discount: number;
  tax_rate_bp: number;
  tax: number;
  total: number;
  returned_quantity: Generated<number>;
  original_line_id: string | null;
  kind: Generated<SaleLineKind>;
  gift_card_id: string | null;
  points_earned: Generated<Points>;
  points_redeemed: Generated<Points>;
  group_discount: Generated<number>;
  reward_discount: Generated<number>;
};

export type SaleLineKind = 'product' | 'gift_card' | 'store_credit';

export type SaleTendersTable = {
  id: string;
  sale_id: string;
  position: number;
  kind: TenderKind;
  amount: number;
  received: number | null;
  change: number | null;
  reference: string | null;
  refund_of_sale_id: string | null;
  gift_card_id: string | null;
  store_credit_account_id: string | null;
};

export type { TenderKind } from '../domain/sales.ts';
import type { Minor, Points } from '../domain/units.ts';
import type { TenderKind } from '../domain/sales.ts';

export type GiftCardState = 'PENDING' | 'ACTIVE' | 'BLOCKED' | 'DEACTIVATED';

export type GiftCardsTable = {
  id: string;
  number: string;
  currency: string;
  state: GiftCardState;
  balance: Minor;
  digital: boolean;
  customer_id: string | null;
  issued_outlet_id: string | null;
  batch_label: string | null;
  activated_at: Timestamp | null;
  expires_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type GiftCardActivitiesTable = {
  id: string;
  gift_card_id: string;
  kind: string;
  amount: Minor;
  balance_after: Minor;
  state_after: string;
  sale_id: string | null;
  outlet_id: string | null;
  staff_id: string | null;
  api_key_id: string | null;
  approved_by_staff_id: string | null;
  reason: string | null;
  idempotency_key: string;
  request_hash: Buffer | null;
  created_at: Timestamp;
};

export type StoreCreditAccountsTable = {
  id: string;
  customer_id: string;
  currency: string;
  balance: Minor;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type StoreCreditEntriesTable = {
  id: string;
  account_id: string;
  kind: string;
  amount: Minor;
  balance_after: Minor;
  expires_at: Timestamp | null;
  sale_id: string | null;
  outlet_id: string | null;
  staff_id: string | null;
  api_key_id: string | null;
  reason: string | null;
  idempotency_key: string;
  request_hash: Buffer | null;
  created_at: Timestamp;
};

export type StoreCreditLotsTable = {
  id: string;
  account_id: string;
  entry_id: string;
  amount: Minor;
  remaining: Minor;
  expires_at: Timestamp | null;
  created_at: Timestamp;
};

export type LoyaltyRuleVersionsTable = {
  version: number;
  effective_from: Timestamp;
  rules: Json<unknown>;
  created_by_staff_id: string | null;
  created_at: Timestamp;
};

export type LoyaltyPromotionsTable = {
  id: string;
  name: string;
  kind: 'multiplier' | 'bonus';
  multiplier_bp: number | null;
  bonus_points: Points | null;
  categories: string[];
  min_spend: Minor;
  starts_at: Timestamp;
  ends_at: Timestamp;
  active: boolean;
  created_at: Timestamp;
};

export type LoyaltyRewardsTable = {
  id: string;
  name: string;
  points_cost: Points;
  kind: 'amount_off' | 'percent_off' | 'free_product';
  amount: Minor | null;
  percent_bp: number | null;
  product_sku: string | null;
  active: boolean;
  created_at: Timestamp;
};

export type LoyaltyAccountsTable = { customer_id: string; balance: Points; updated_at: Timestamp };

export type LoyaltyEventsTable = {
  id: string;
  customer_id: string;
  kind: string;
  points: Points;
  balance_after: Points;
  sale_id: string | null;
  rule_version: number | null;
  promotion_id: string | null;
  reward_id: string | null;
  reason_code: string | null;
  reason: string | null;
  staff_id: string | null;
  approved_by_staff_id: string | null;
  details: Json<unknown>;
  idempotency_key: string;
  created_at: Timestamp;
};

export type LoyaltyLotsTable = {
  id: string;
  customer_id: string;
  event_id: string;
  points: Points;
  remaining: Points;
  expires_at: Timestamp | null;
  created_at: Timestamp;
};

export type CustomerGroupsTable = {
  id: string;
  name: string;
  kind: 'manual' | 'rule';
  rule: Json<unknown> | null;
  discount_bp: number;
  earn_multiplier_bp: number;
  active: boolean;
  recomputed_at: Timestamp | null;
  created_at: Timestamp;
};

export type CustomerGroupMembersTable = {
  group_id: string;
  customer_id: string;
  added_at: Timestamp;
};

export type StoreCreditLotUsesTable = { entry_id: string; lot_id: string; amount: number };

export type CustomerExternalIdsTable = { source: string; external_id: string; customer_id: string };

export type BackupsTable = {
  id: string;
  taken_at: Timestamp;
  kind: 'pglite' | 'postgres';
  trigger: 'manual' | 'nightly';
  file: string;
  size_bytes: number;
  duration_ms: number;
};

export type RightsRequestsTable = {
  id: string;
  customer_id: string;
  kind: 'export' | 'erasure' | 'objection';
  requested_at: Timestamp;
  requested_by: string;
  received_by_staff_id: string | null;
  due_at: Timestamp;
  done_at: Timestamp | null;
  done_by_staff_id: string | null;
  outcome: string | null;
  note: string | null;
  idempotency_key: string;
};

export type MarketingSuppressionsTable = {
  channel: 'email' | 'sms';
  digest: Buffer;
  reason: 'erased' | 'unsubscribed' | 'complaint' | 'bounced';
  added_at: Timestamp;
};

export type RetiredCardsTable = {
  number: string;
  retired_at: Timestamp;
};

export type InsightMethod = 'model' | 'rule';

export type CustomerInsightsTable = {
  customer_id: string;
  computed_at: Timestamp;
  model_version: string;
  method: InsightMethod;
  visit_days: number;
  first_purchase_on: ColumnType<string, string, string>;
  last_purchase_on: ColumnType<string, string, string>;
  p_alive: number | null;
  expected_90: number | null;
  expected_365: number | null;
  value_12m: number | null;
  typical_gap_days: number | null;
  next_due_on: ColumnType<string | null, string | null, string | null>;
  value_at_risk: number;
  lapsed: boolean;
  r_score: number;
  f_score: number;
  m_score: number;
  segment: string;
  value_percentile: number;
  spend_12m: number;
  visits_12m: number;
  home_outlet_id: string | null;
};

export type InsightRunsTable = {
  id: string;
  started_at: Timestamp;
  finished_at: Timestamp;
  method: InsightMethod;
  model_version: string;
  params: Json<Record<string, unknown> | null>;
  customers: number;
  customers_with_purchase: number;
  history_days: number;
  converged: boolean | null;
  fallback_reason: string | null;
  removed: number;
  duration_ms: number;
};

export type CustomerSegmentsTable = {
  id: string;
  name: string;
  definition: Json<Record<string, unknown>>;
  created_by_staff_id: string | null;
  created_at: Timestamp;
};

export type CampaignState = 'draft' | 'scheduled' | 'sending' | 'paused' | 'cancelled' | 'finished';

export type CampaignsTable = {
  id: string;
  name: string;
  segment_id: string;
  subject_source: string;
  html_source: string;
  text_source: string;
  compiled: Json<unknown>;
  state: Generated<CampaignState>;
  scheduled_at: Timestamp | null;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  control_share_bp: Generated<number>;
  purpose: Generated<CampaignPurpose>;
  created_by_staff_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type CampaignPurpose = 'marketing' | 'repermission';

export type CampaignRecipientState = 'pending' | 'sent' | 'failed' | 'skipped' | 'control';

export type CampaignRecipientsTable = {
  id: string;
  campaign_id: string;
  customer_id: string;
  state: Generated<CampaignRecipientState>;
  reason: string | null;
  consent_record_id: string | null;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  claimed_until: Timestamp | null;
  sent_at: Timestamp | null;
  smtp_message_id: string | null;
  smtp_response: string | null;
  updated_at: Timestamp;
};

export type Database = {
  settings: SettingsTable;
  outlets: OutletsTable;
  registers: RegistersTable;
  staff: StaffTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  customers: CustomersTable;
  customer_contacts: CustomerContactsTable;
  customer_lookups: CustomerLookupsTable;
  customer_cards: CustomerCardsTable;
  customer_changes: CustomerChangesTable;
  customer_name_terms: CustomerNameTermsTable;
  name_terms: NameTermsTable;
  consent_records: ConsentRecordsTable;
  consent_wordings: ConsentWordingsTable;
  idempotency_keys: IdempotencyKeysTable;
  products: ProductsTable;
  sale_number_counters: SaleNumberCountersTable;
  sales: SalesTable;
  sale_lines: SaleLinesTable;
  sale_tenders: SaleTendersTable;
  customer_external_ids: CustomerExternalIdsTable;
  gift_cards: GiftCardsTable;
  gift_card_activities: GiftCardActivitiesTable;
  store_credit_accounts: StoreCreditAccountsTable;
  store_credit_entries: StoreCreditEntriesTable;
  store_credit_lots: StoreCreditLotsTable;
  store_credit_lot_uses: StoreCreditLotUsesTable;
  loyalty_rule_versions: LoyaltyRuleVersionsTable;
  loyalty_promotions: LoyaltyPromotionsTable;
  loyalty_rewards: LoyaltyRewardsTable;
  loyalty_accounts: LoyaltyAccountsTable;
  loyalty_events: LoyaltyEventsTable;
  loyalty_lots: LoyaltyLotsTable;
  customer_groups: CustomerGroupsTable;
  customer_group_members: CustomerGroupMembersTable;
  backups: BackupsTable;
  rights_requests: RightsRequestsTable;
  marketing_suppressions: MarketingSuppressionsTable;
  retired_cards: RetiredCardsTable;
  customer_insights: CustomerInsightsTable;
  insight_runs: InsightRunsTable;
  customer_segments: CustomerSegmentsTable;
  campaigns: CampaignsTable;
  campaign_recipients: CampaignRecipientsTable;
};
