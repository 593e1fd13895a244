import { ApiError, toApiError } from './api-error.ts';
import type { ProductAnswer, ProductSearchAnswer } from '@contract/catalogue.ts';
import type {
  ConsentHistory,
  ConsentInput,
  ConsentRecorded,
  CustomerAnswer,
  CustomerChangeBody,
  CustomerCreated,
  CustomerHistory,
  CustomerListQuery as CustomerListQueryBody,
  CustomerPage,
  CustomerSearchAnswer,
  CustomerSearchResult,
  CustomerStatus,
  DuplicatesAnswer,
  DuplicatesBody,
  NewCustomerBody,
  RevealedContacts,
} from '@contract/customers.ts';
import type { CustomerExport } from '@contract/customers-export.ts';
import type { ReceiptEmailSent } from '@contract/receipts.ts';
import type {
  PurchasePage,
  PurchaseSummary as PurchaseSummaryAnswer,
  ReturnBody,
  SaleAnswer,
  SaleBody,
  SaleCompleted,
  SaleQuoteAnswer,
  SaleQuoteBody,
  VoidBody,
} from '@contract/sales.ts';
import type { OutletList, ShopSettingsAnswer, SignInRegisters } from '@contract/shop.ts';
import type {
  ApiKeyCreated,
  ApiKeyList,
  NewApiKeyBody,
  NewStaffBody,
  PasswordSignInBody,
  PinSignInBody,
  SessionAnswer,
  StaffAnswer,
  StaffChangeBody,
  StaffList,
} from '@contract/staff.ts';
import type {
  GiftCardActionBody,
  GiftCardAnswer,
  GiftCardBalance,
  GiftCardChanged,
  GiftCardEmailSent,
  GiftCardList,
  GiftCardRange,
  GiftCardRangeBody,
  GiftCardState,
  GiftCardWithActivity,
  StoreCredit,
  StoreCreditAdjusted,
  StoreCreditAdjustmentBody,
  StoredValueReport,
  GiftCardImportReport,
} from '@contract/stored-value.ts';

// Parts of some answers, which the route schemas do not name on their own.
export type MatchedBy = CustomerSearchResult['matchedBy'];
export type Contacts = RevealedContacts['contacts'];
export type PurchaseSummary = PurchaseSummaryAnswer['summary'];
/** The customer list's query as the screen keeps it: an empty status means any. */
export type CustomerListQuery = Omit<CustomerListQueryBody, 'status'> & {
  status?: CustomerStatus | '';
};

const base = '/api/v1';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

// A 401 anywhere but on the sign-in calls means the session ended: the app shows sign-in.
let unauthenticatedListener: (() => void) | null = null;
export function onUnauthenticated(listener: (() => void) | null): void {
  unauthenticatedListener = listener;
}

function send(
  method: Method,
  path: string,
  body: unknown,
  idempotencyKey: string | null,
  accept = 'application/json',
) {
  const headers: Record<string, string> = { accept };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  return fetch(base + path, {
    method,
    credentials: 'same-origin',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

type Options = {
  /**
   * The caller's own Idempotency-Key, for work that must happen once however often it is
   * sent (a sale: one key per sale, reused for every attempt). Otherwise each change gets
   * one; `null` for a POST that changes nothing (a quote, a look-up), which needs none.
   */
  idempotencyKey?: string | null;
  /** A file instead of JSON (the export's zip): the answer is then a Blob. */
  accept?: 'application/zip';
};

/** How long a change keeps asking while its first attempt is still running on the server. */
const inProgressBudgetMs = 45_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retry-After in seconds, as the server sends it with `request_in_progress`; 1 s if absent. */
export function retryAfterMs(response: Response): number {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 10) * 1000 : 1000;
}

/**
 * Sends a change, and while the server says an earlier attempt with the same key is still
 * running (`409 request_in_progress`: the till retried while the first was slow, or the
 * server restarted mid-sale and has not yet taken the attempt over), waits Retry-After and
 * asks again with the same key, so the first attempt's answer arrives instead of the
 * cashier ringing the sale up again. Gives up after a while with that 409.
 */
async function sendChange(
  method: Method,
  path: string,
  body: unknown,
  idempotencyKey: string,
  accept?: string,
): Promise<Response> {
  const started = Date.now();
  for (;;) {
    const response = await send(method, path, body, idempotencyKey, accept);
    if (response.status !== 409) return response;
    const wait = retryAfterMs(response);
    const error = await toApiError(response.clone());
    if (error.code !== 'request_in_progress') return response;
    if (Date.now() - started + wait > inProgressBudgetMs) return response;
    await sleep(wait);
  }
}

/** One call to the API: the JSON answer, or an ApiError (problem+json). */
export async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  options: Options = {},
): Promise<T> {
  // A change carries an Idempotency-Key, so when the network drops before the answer
  // arrives, the one automatic retry gets the first answer instead of doing it twice.
  const idempotencyKey =
    method === 'GET' || path.startsWith('/auth/')
      ? null
      : options.idempotencyKey === undefined
        ? crypto.randomUUID()
        : options.idempotencyKey;
  const attempt = () =>
    idempotencyKey
      ? sendChange(method, path, body, idempotencyKey, options.accept)
      : send(method, path, body, idempotencyKey, options.accept);
  let response: Response;
  try {
    response = await attempt().catch(async (error: unknown) => {
      if (!idempotencyKey) throw error;
      await sleep(500);
      return attempt();
    });
  } catch {
    throw new ApiError(
      0,
      'network_error',
      'Cannot reach the server. Check the connection and try again.',
    );
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && !path.startsWith('/auth/')) unauthenticatedListener?.();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  if (options.accept) return (await response.blob()) as T;
  return (await response.json()) as T;
}

function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

const id = encodeURIComponent;

export const api = {
  registers: () => request<SignInRegisters>('GET', '/registers'),
  me: () => request<SessionAnswer>('GET', '/auth/me'),
  signIn: (body: PasswordSignInBody) => request<SessionAnswer>('POST', '/auth/sign-in', body),
  pinSignIn: (body: PinSignInBody) => request<SessionAnswer>('POST', '/auth/pin-sign-in', body),
  signOut: () => request<void>('POST', '/auth/sign-out'),
  settings: () => request<ShopSettingsAnswer>('GET', '/settings'),
  outlets: () => request<OutletList>('GET', '/outlets'),

  search: (q: string, limit = 10) =>
    request<CustomerSearchAnswer>('GET', `/customers/search${query({ q, limit })}`),
  listCustomers: (q: CustomerListQuery) => request<CustomerPage>('GET', `/customers${query(q)}`),
  duplicates: (body: DuplicatesBody) =>
    request<DuplicatesAnswer>('POST', '/customers/duplicates', body, {
      idempotencyKey: null,
    }),
  createCustomer: (body: NewCustomerBody) => request<CustomerCreated>('POST', '/customers', body),
  customer: (customerId: string) => request<CustomerAnswer>('GET', `/customers/${id(customerId)}`),
  updateCustomer: (customerId: string, body: CustomerChangeBody) =>
    request<CustomerAnswer>('PATCH', `/customers/${id(customerId)}`, body),
  history: (customerId: string) =>
    request<CustomerHistory>('GET', `/customers/${id(customerId)}/history`),
  reveal: (customerId: string, reason: string) =>
    request<RevealedContacts>('POST', `/customers/${id(customerId)}/reveal`, { reason }),
  /** Everything held about the customer, contact details in clear; audited with the reason. */
  exportCustomer: (customerId: string, reason: string) =>
    request<CustomerExport>('POST', `/customers/${id(customerId)}/export`, { reason }),
  /** The same export as CSV files and a README in a zip; audited with its format. */
  exportCustomerZip: (customerId: string, reason: string) =>
    request<Blob>(
      'POST',
      `/customers/${id(customerId)}/export`,
      { reason },
      { accept: 'application/zip' },
    ),
  consents: (customerId: string) =>
    request<ConsentHistory>('GET', `/customers/${id(customerId)}/consents`),
  recordConsent: (customerId: string, body: ConsentInput) =>
    request<ConsentRecorded>('POST', `/customers/${id(customerId)}/consents`, body),
  linkCard: (customerId: string, cardNumber: string) =>
    request<CustomerAnswer>('POST', `/customers/${id(customerId)}/cards`, { cardNumber }),
  replaceCard: (customerId: string, cardNumber: string, newCardNumber: string) =>
    request<CustomerAnswer>(
      'POST',
      `/customers/${id(customerId)}/cards/${id(cardNumber)}/replace`,
      { newCardNumber },
    ),
  merge: (customerId: string, otherCustomerId: string) =>
    request<CustomerAnswer>('POST', `/customers/${id(customerId)}/merge`, {
      otherCustomerId,
    }),
  cardSvgUrl: (customerId: string) => `${base}/customers/${id(customerId)}/card.svg`,

  staff: () => request<StaffList>('GET', '/staff'),
  createStaff: (body: NewStaffBody) => request<StaffAnswer>('POST', '/staff', body),
  updateStaff: (staffId: string, body: StaffChangeBody) =>
    request<StaffAnswer>('PATCH', `/staff/${id(staffId)}`, body),
  apiKeys: () => request<ApiKeyList>('GET', '/api-keys'),
  createApiKey: (body: NewApiKeyBody) => request<ApiKeyCreated>('POST', '/api-keys', body),
  revokeApiKey: (keyId: string) => request<void>('DELETE', `/api-keys/${id(keyId)}`),

  product: (code: string) => request<ProductAnswer>('GET', `/products/${id(code)}`),
  /** The till's typeahead: products with a word starting with each typed word. */
  searchProducts: (q: string, limit = 8) =>
    request<ProductSearchAnswer>('GET', `/products/search${query({ q, limit })}`),
  /** `idempotencyKey`: made once when the sale starts, the same for every attempt. */
  completeSale: (body: SaleBody, idempotencyKey: string) =>
    request<SaleCompleted>('POST', '/sales', body, {
      idempotencyKey,
    }),
  /** The basket priced as the sale will be; changes nothing, so it needs no key. */
  quoteSale: (body: SaleQuoteBody) =>
    request<SaleQuoteAnswer>('POST', '/sales/quote', body, { idempotencyKey: null }),
  returnItems: (body: ReturnBody, idempotencyKey: string) =>
    request<SaleAnswer>('POST', '/returns', body, { idempotencyKey }),
  sale: (saleId: string) => request<SaleAnswer>('GET', `/sales/${id(saleId)}`),
  saleByNumber: (number: string) => request<SaleAnswer>('GET', `/sales/by-number/${id(number)}`),
  attachSale: (saleId: string, customerId: string) =>
    request<SaleAnswer>('POST', `/sales/${id(saleId)}/attach`, { customerId }),
  detachSale: (saleId: string, reason: string) =>
    request<SaleAnswer>('POST', `/sales/${id(saleId)}/detach`, { reason }),
  /** Answers with the void record: a return that reverses every line and tender. */
  voidSale: (saleId: string, body: VoidBody, idempotencyKey: string) =>
    request<SaleAnswer>('POST', `/sales/${id(saleId)}/void`, body, { idempotencyKey }),
  purchases: (customerId: string, cursor?: string, limit = 20) =>
    request<PurchasePage>(
      'GET',
      `/customers/${id(customerId)}/purchases${query({ cursor, limit })}`,
    ),
  purchaseSummary: (customerId: string) =>
    request<PurchaseSummaryAnswer>('GET', `/customers/${id(customerId)}/purchase-summary`),
  receiptUrl: (saleId: string, autoprint = true) =>
    `${base}/sales/${id(saleId)}/receipt${autoprint ? '?autoprint=1' : ''}`,
  /** Without `to`, the server sends it to the customer's email on file. */
  emailReceipt: (saleId: string, to?: string) =>
    request<ReceiptEmailSent>('POST', `/sales/${id(saleId)}/receipt/email`, to ? { to } : {}),

  giftCardBalance: (number: string) =>
    request<GiftCardBalance>('POST', '/gift-cards/balance', { number }, { idempotencyKey: null }),
  giftCards: (q: { number?: string; state?: GiftCardState | ''; customerId?: string }) =>
    request<GiftCardList>('GET', `/gift-cards${query(q)}`),
  giftCard: (card: string) => request<GiftCardWithActivity>('GET', `/gift-cards/${id(card)}`),
  giftCardAction: (card: string, body: GiftCardActionBody, idempotencyKey: string) =>
    request<GiftCardChanged>('POST', `/gift-cards/${id(card)}/actions`, body, { idempotencyKey }),
  linkGiftCard: (card: string, customerId: string | null) =>
    request<GiftCardAnswer>('PUT', `/gift-cards/${id(card)}/customer`, { customerId }),
  emailGiftCard: (card: string, email: string) =>
    request<GiftCardEmailSent>('POST', `/gift-cards/${id(card)}/email`, { email }),
  addGiftCardRange: (body: GiftCardRangeBody) =>
    request<GiftCardRange>('POST', '/gift-cards/ranges', body),
  importGiftCards: (csv: string) =>
    request<GiftCardImportReport>('POST', '/gift-cards/import', { csv }),

  storeCredit: (customerId: string) =>
    request<StoreCredit>('GET', `/customers/${id(customerId)}/store-credit`),
  adjustStoreCredit: (
    customerId: string,
    body: StoreCreditAdjustmentBody,
    idempotencyKey: string,
  ) =>
    request<StoreCreditAdjusted>(
      'POST',
      `/customers/${id(customerId)}/store-credit/adjustments`,
      body,
      { idempotencyKey },
    ),

  storedValueReport: (period: { from?: string; to?: string }) =>
    request<StoredValueReport>('GET', `/reports/stored-value${query(period)}`),
  storedValueCsvUrl: (period: { from?: string; to?: string }) =>
    `${base}/reports/stored-value.csv${query(period)}`,
};
