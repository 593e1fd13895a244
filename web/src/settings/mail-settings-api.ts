import type { MailSettingsAnswer, MailSettingsBody } from '@contract/mail-settings.ts';
import { request } from '../api.ts';

/** Campaign email settings: admins (settings.manage) read and change them. */
export const mailSettingsApi = {
  load: () => request<MailSettingsAnswer>('GET', '/settings/mail'),
  save: (body: MailSettingsBody) => request<MailSettingsAnswer>('PATCH', '/settings/mail', body),
};
