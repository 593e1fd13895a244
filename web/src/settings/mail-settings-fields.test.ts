import { describe, expect, it } from 'vitest';
import type { MailSettings } from '@contract/mail-settings.ts';
import { fieldsToMailChange, mailToFields } from './mail-settings-fields.ts';

const loaded: MailSettings = {
  publicBaseUrl: 'https://shop.example',
  unsubscribeLinkDays: 365,
  smtp: {
    host: 'smtp.example.com',
    port: 587,
    secure: false,
    user: 'shop',
    from: 'Shop <news@shop.example>',
    ratePerSecond: 10,
    passwordSet: true,
  },
};

describe('the campaign email settings form', () => {
  it('sends nothing when nothing changed, and never has the password to show', () => {
    const fields = mailToFields(loaded);
    expect(fields.password).toBe('');
    expect(fieldsToMailChange(fields, loaded)).toEqual({ ok: true, body: {} });
  });

  it('sends the SMTP server whole when a part changed, keeping the stored password', () => {
    const fields = { ...mailToFields(loaded), port: '2525' };
    const { passwordSet: _shown, ...smtp } = loaded.smtp!;
    expect(fieldsToMailChange(fields, loaded)).toEqual({
      ok: true,
      body: { smtp: { ...smtp, port: 2525 } },
    });
  });

  it('sends a new password, a removed one as null, and no server when the host is empty', () => {
    const base = mailToFields(loaded);
    const changed = fieldsToMailChange({ ...base, password: 'new-secret' }, loaded);
    expect(changed.ok && changed.body.smtp).toMatchObject({ password: 'new-secret' });
    const cleared = fieldsToMailChange({ ...base, user: '', clearPassword: true }, loaded);
    expect(cleared.ok && cleared.body.smtp).toMatchObject({ user: null, password: null });
    expect(fieldsToMailChange({ ...base, host: ' ' }, loaded)).toEqual({
      ok: true,
      body: { smtp: null },
    });
  });

  it('names the field with the server’s own rule', () => {
    const base = mailToFields(loaded);
    expect(
      fieldsToMailChange({ ...base, publicBaseUrl: 'http://shop.example' }, loaded),
    ).toMatchObject({
      ok: false,
      field: 'publicBaseUrl',
    });
    expect(fieldsToMailChange({ ...base, port: 'x' }, loaded)).toMatchObject({
      field: 'smtp.port',
    });
    expect(fieldsToMailChange({ ...base, from: 'shop' }, loaded)).toMatchObject({
      field: 'smtp.from',
    });
    expect(fieldsToMailChange({ ...base, unsubscribeLinkDays: '7' }, loaded)).toMatchObject({
      field: 'unsubscribeLinkDays',
    });
  });
});
