import { isCountryCode } from '../../domain/contact-details.ts';
import {
  defaultConsentMaxAgeMonths,
  isConsentMaxAgeMonths,
  maxConsentMaxAgeMonths,
} from '../../domain/consent-refresh.ts';
import {
  defaultBirthdayDays,
  isBirthdayDays,
  maxBirthdayDays,
} from '../../domain/insights/birthdays.ts';
import { isRetentionYears, maxRetentionYears } from '../../domain/retention.ts';
import { invalid, ok, type Result } from '../../domain/result.ts';
import type { Db } from '../../store/database.ts';
import { selectSettings, upsertSetting } from '../../store/settings.ts';
import { recordAudit } from '../platform/audit.ts';
import type { Actor } from '../platform/context.ts';
import { perDatabaseCache } from '../platform/per-database-cache.ts';

export type ShopSettings = {
  shopName: string;
  defaultCountry: string;
  /** Gift cards expire this many months after activation; null: never. */
  giftCardExpiryMonths: number | null;
  /** Store credit from refunds and goodwill expires after this many months; null: never. */
  storeCreditExpiryMonths: number | null;
  /**
   * Years sales keep the customer they were sold to (for erased customers; see
   * src/domain/retention.ts); null: the default for defaultCountry (NL 7, NO 5, GB 6,
   * any other country 7). The period in force is domain retentionYears(settings).
   */
  accountingRetentionYears: number | null;
  /** "Birthdays in the next N days" (Insights) looks this many days ahead, today included. */
  birthdayDays: number;
  /** Consent given longer ago than this is stale and asked again (domain consent-refresh). */
  consentMaxAgeMonths: number;
  /** Whether stale consent may still be used for sending until it is refreshed. */
  allowStaleConsentForSending: boolean;
};

const defaults: ShopSettings = {
  shopName: 'Clientele',
  defaultCountry: 'GB',
  giftCardExpiryMonths: null,
  storeCreditExpiryMonths: null,
  accountingRetentionYears: null,
  birthdayDays: defaultBirthdayDays,
  consentMaxAgeMonths: defaultConsentMaxAgeMonths,
  allowStaleConsentForSending: false,
};

function months(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}

/**
 * Settings are read on hot paths (every till search parses phones in the default
 * country), so each database's settings are kept for a few seconds; another process
 * sharing the database sees a change within that time.
 */
const cache = perDatabaseCache(readShopSettings, { millis: 5_000 });

export function getShopSettings(db: Db): Promise<ShopSettings> {
  return cache.get(db);
}

async function readShopSettings(db: Db): Promise<ShopSettings> {
  const stored = await selectSettings(db);
  return {
    shopName: typeof stored.shopName === 'string' ? stored.shopName : defaults.shopName,
    defaultCountry:
      typeof stored.defaultCountry === 'string' ? stored.defaultCountry : defaults.defaultCountry,
    giftCardExpiryMonths: months(stored.giftCardExpiryMonths),
    storeCreditExpiryMonths: months(stored.storeCreditExpiryMonths),
    accountingRetentionYears: isRetentionYears(stored.accountingRetentionYears)
      ? stored.accountingRetentionYears
      : defaults.accountingRetentionYears,
    birthdayDays: isBirthdayDays(stored.birthdayDays) ? stored.birthdayDays : defaults.birthdayDays,
    consentMaxAgeMonths: isConsentMaxAgeMonths(stored.consentMaxAgeMonths)
      ? stored.consentMaxAgeMonths
      : defaults.consentMaxAgeMonths,
    allowStaleConsentForSending: stored.allowStaleConsentForSending === true,
  };
}

export function validateShopSettings(
  changes: Partial<ShopSettings>,
): Result<Partial<ShopSettings>> {
  if (changes.defaultCountry !== undefined && !isCountryCode(changes.defaultCountry)) {
    return invalid('defaultCountry', 'defaultCountry must be a two-letter country code such as GB');
  }
  if (changes.shopName !== undefined && changes.shopName.trim() === '') {
    return invalid('shopName', 'shopName must not be empty');
  }
  for (const key of ['giftCardExpiryMonths', 'storeCreditExpiryMonths'] as const) {
    const value = changes[key];
    if (
      value !== undefined &&
      value !== null &&
      (!Number.isInteger(value) || value < 1 || value > 600)
    ) {
      return invalid(
        key,
        `${key} must be a whole number of months from 1 to 600, or null for never`,
      );
    }
  }
  const years = changes.accountingRetentionYears;
  if (years !== undefined && years !== null && !isRetentionYears(years)) {
    return invalid(
      'accountingRetentionYears',
      `accountingRetentionYears must be a whole number of years from 1 to ${maxRetentionYears}, or null for the country's default`,
    );
  }
  const days = changes.birthdayDays;
  if (days !== undefined && !isBirthdayDays(days)) {
    return invalid(
      'birthdayDays',
      `birthdayDays must be a whole number of days from 1 to ${maxBirthdayDays}`,
    );
  }
  const consentMonths = changes.consentMaxAgeMonths;
  if (consentMonths !== undefined && !isConsentMaxAgeMonths(consentMonths)) {
    return invalid(
      'consentMaxAgeMonths',
      `consentMaxAgeMonths must be a whole number of months from 1 to ${maxConsentMaxAgeMonths}`,
    );
  }
  const allowStale = changes.allowStaleConsentForSending;
  if (allowStale !== undefined && typeof allowStale !== 'boolean') {
    return invalid(
      'allowStaleConsentForSending',
      'allowStaleConsentForSending must be true or false',
    );
  }
  return ok(changes);
}

/** Writes validated settings and their audit entry, inside the caller's transaction if any. */
export async function writeShopSettings({
  db,
  actor,
  changes,
}: {
  db: Db;
  actor: Actor;
  changes: Partial<ShopSettings>;
}): Promise<void> {
  if (changes.defaultCountry !== undefined)
    await upsertSetting(db, 'defaultCountry', changes.defaultCountry);
  for (const key of [
    'giftCardExpiryMonths',
    'storeCreditExpiryMonths',
    'accountingRetentionYears',
    'birthdayDays',
    'consentMaxAgeMonths',
    'allowStaleConsentForSending',
  ] as const) {
    if (changes[key] !== undefined) await upsertSetting(db, key, changes[key]);
  }
  if (changes.shopName !== undefined) await upsertSetting(db, 'shopName', changes.shopName.trim());
  await recordAudit({ db, actor, entry: { action: 'settings.updated', detail: { ...changes } } });
}

/** After a change written in a transaction: the next read sees it at once. */
export function forgetShopSettings(db: Db): void {
  cache.forget(db);
}

export async function updateShopSettings({
  db,
  actor,
  changes,
}: {
  db: Db;
  actor: Actor;
  changes: Partial<ShopSettings>;
}): Promise<Result<ShopSettings>> {
  const valid = validateShopSettings(changes);
  if (!valid.ok) return valid;
  await writeShopSettings({ db, actor, changes: valid.value });
  forgetShopSettings(db);
  return ok(await getShopSettings(db));
}
