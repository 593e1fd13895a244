// Shapes of the stored-value API (gift cards, store credit, liability report): the server's
// route schemas (src/http/schemas), as types only, under the names the web app uses.
import type {
  GiftCard,
  GiftCardActionBody,
  GiftCardActivity,
  GiftCardBalance,
  GiftCardRange,
  GiftCardRangeBody,
  GiftCardState,
  StoreCredit,
  StoreCreditAdjustmentBody,
  StoreCreditEntry,
  StoredValueReport,
} from '@contract/stored-value.ts';
import type { ImportReport } from '@contract/platform.ts';

export { giftCardStates } from '@domain/gift-cards.ts';

export type {
  GiftCard,
  GiftCardActivity,
  GiftCardBalance,
  GiftCardRange,
  GiftCardState,
  StoreCredit,
  StoreCreditEntry,
  StoredValueReport,
};

export type GiftCardAction = GiftCardActionBody;
export type GiftCardRangeInput = GiftCardRangeBody;
export type GiftCardImport = ImportReport;
export type StoreCreditAccount = StoreCredit['accounts'][number];
export type StoreCreditAdjustment = StoreCreditAdjustmentBody;
export type Movement = StoredValueReport['giftCards']['movements'][number];
