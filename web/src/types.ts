// Shapes of the HTTP API: the server's route schemas (src/http/schemas), as types only, under
// the names the web app uses.
import type {
  Address,
  Card,
  ConsentChannel,
  ConsentHistory,
  ConsentInput,
  ConsentRecord,
  ContactMask,
  CurrentConsent,
  Customer,
  CustomerChange,
  CustomerChangeBody,
  CustomerListQuery as ServerCustomerListQuery,
  CustomerPage,
  CustomerSearchAnswer,
  CustomerStatus,
  CustomerSummary,
  Duplicate,
  NewCustomerBody,
  Preferences,
  RevealedContacts,
} from '@contract/customers.ts';
import type { Product } from '@contract/catalogue.ts';
import type {
  Favourite,
  PurchasePage,
  PurchaseSummary as PurchaseSummaryAnswer,
  RefundDestination,
  ReturnBody,
  Sale,
  SaleBody,
  SaleCompleted,
  SaleLine,
  SaleLineInput,
  SaleQuote,
  SaleTender,
  TenderInput,
} from '@contract/sales.ts';
import type { ShopSettings, SignInRegisters } from '@contract/shop.ts';
import type {
  ApiKey,
  NewStaffBody,
  Permission,
  Role,
  Session,
  StaffChangeBody,
  StaffMember,
} from '@contract/staff.ts';

export type {
  Address,
  ApiKey,
  Card,
  ConsentInput,
  ConsentRecord,
  ContactMask,
  CurrentConsent,
  Customer,
  CustomerStatus,
  CustomerSummary,
  Duplicate,
  Favourite,
  Permission,
  Preferences,
  Product,
  PurchasePage,
  Role,
  Sale,
  SaleLine,
  SaleLineInput,
  SaleQuote,
  SaleTender,
  Session,
  TenderInput,
};

export type Channel = ConsentChannel;
export type SearchResult = CustomerSearchAnswer['results'][number];
export type MatchedBy = SearchResult['matchedBy'];
export type Register = SignInRegisters['registers'][number];
export type Contacts = RevealedContacts['contacts'];
export type CustomerInput = NewCustomerBody;
export type CustomerPatch = CustomerChangeBody;
export type HistoryChange = CustomerChange;
/** `{ from, to }` for plain fields; contact fields only say 'added' | 'changed' | 'removed'. */
export type FieldChange = HistoryChange['fields'][string];
export type Consents = ConsentHistory;
/** The list screen's query: an empty status means any. */
export type CustomerListQuery = Omit<ServerCustomerListQuery, 'status'> & {
  status?: CustomerStatus | '';
};
export type Page<T> = Omit<CustomerPage, 'items'> & { items: T[] };
export type Staff = StaffMember;
export type StaffInput = NewStaffBody;
export type StaffPatch = StaffChangeBody;
export type Settings = ShopSettings;
export type TenderKind = SaleTender['kind'];
export type SaleLoyalty = Sale['loyalty'];
export type SaleInput = SaleBody;
export type GiftCardDelivery = SaleCompleted['giftCardDeliveries'][number];
export type RefundTo = RefundDestination;
export type ReturnInput = ReturnBody;
export type PurchaseSummary = PurchaseSummaryAnswer['summary'];
