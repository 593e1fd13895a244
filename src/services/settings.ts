import { isCountryCode } from '../domain/contact-details.ts';
import { invalid, ok, type Result } from '../domain/result.ts';
import type { Db } from '../store/database.ts';
import { selectSettings, upsertSetting } from '../store/settings.ts';
import { recordAudit } from './audit.ts';
import type { Actor } from './context.ts';

export type ShopSettings = { shopName: string; defaultCountry: string };

const defaults: ShopSettings = { shopName: 'Clientele', defaultCountry: 'GB' };

/**
 * Settings are read on hot paths (every till search parses phones in the default
 * country), so each database's settings are kept for a few seconds; another process
 * sharing the database sees a change within that time.
 */
const cacheMillis = 5_000;
const cache = new WeakMap<Db, { settings: ShopSettings; readAt: number }>();

export async function getShopSettings(db: Db): Promise<ShopSettings> {
  const cached = cache.get(db);
  if (cached && Date.now() - cached.readAt < cacheMillis) return cached.settings;
  const settings = await readShopSettings(db);
  cache.set(db, { settings, readAt: Date.now() });
  return settings;
}

async function readShopSettings(db: Db): Promise<ShopSettings> {
  const stored = await selectSettings(db);
  return {
    shopName: typeof stored.shopName === 'string' ? stored.shopName : defaults.shopName,
    defaultCountry:
      typeof stored.defaultCountry === 'string' ? stored.defaultCountry : defaults.defaultCountry,
  };
}

export async function updateShopSettings(
  db: Db,
  actor: Actor,
  changes: Partial<ShopSettings>,
): Promise<Result<ShopSettings>> {
  if (changes.defaultCountry !== undefined && !isCountryCode(changes.defaultCountry)) {
    return invalid('defaultCountry', 'defaultCountry must be a two-letter country code such as GB');
  }
  if (changes.shopName !== undefined && changes.shopName.trim() === '') {
    return invalid('shopName', 'shopName must not be empty');
  }
  if (changes.defaultCountry !== undefined)
    await upsertSetting(db, 'defaultCountry', changes.defaultCountry);
  if (changes.shopName !== undefined) await upsertSetting(db, 'shopName', changes.shopName.trim());
  await recordAudit(db, actor, { action: 'settings.updated', detail: { ...changes } });
  cache.delete(db);
  return ok(await getShopSettings(db));
}
