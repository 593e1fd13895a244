import type { ShopSettingsAnswer, ShopSettingsBody } from '@contract/shop.ts';
import { request } from '../api.ts';

/** The shop's settings: anyone signed in reads them, admins (settings.manage) change them. */
export const settingsApi = {
  load: () => request<ShopSettingsAnswer>('GET', '/settings'),
  save: (body: ShopSettingsBody) => request<ShopSettingsAnswer>('PATCH', '/settings', body),
};
