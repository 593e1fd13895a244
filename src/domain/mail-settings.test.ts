import { describe, expect, it } from 'vitest';
import {
  checkMailSettingsChange,
  checkPublicBaseUrl,
  checkSmtpSettings,
  isSenderAddress,
  type SmtpSettingsInput,
} from './mail-settings.ts';

const smtp: SmtpSettingsInput = {
  host: 'smtp.example.com',
  port: 587,
  secure: false,
  user: 'shop',
  password: 'secret',
  from: 'Shop <news@shop.example>',
  ratePerSecond: 10,
};

describe('public base URL', () => {
  it('takes https anywhere and http only on this machine, without a trailing slash', () => {
    expect(checkPublicBaseUrl('https://shop.example/')).toEqual({
      ok: true,
      value: 'https://shop.example',
    });
    expect(checkPublicBaseUrl(' https://shop.example/crm// ')).toEqual({
      ok: true,
      value: 'https://shop.example/crm',
    });
    expect(checkPublicBaseUrl('http://localhost:3000')).toEqual({
      ok: true,
      value: 'http://localhost:3000',
    });
    expect(checkPublicBaseUrl('http://127.0.0.1:3000').ok).toBe(true);
  });

  it.each([
    ['http://shop.example'],
    ['ftp://shop.example'],
    ['shop.example'],
    [''],
    ['https://shop.example/?a=1'],
    ['https://shop.example/#top'],
    ['https://user:pw@shop.example'],
    ['javascript:alert(1)'],
  ])('refuses %j naming the field', (value) => {
    expect(checkPublicBaseUrl(value)).toMatchObject({
      ok: false,
      code: 'validation_failed',
      field: 'publicBaseUrl',
    });
  });
});

describe('SMTP settings', () => {
  it('accepts a full set, trimmed, and no sign-in at all', () => {
    expect(checkSmtpSettings({ ...smtp, host: ' smtp.example.com ' })).toMatchObject({
      ok: true,
      value: { host: 'smtp.example.com' },
    });
    expect(checkSmtpSettings({ ...smtp, user: null, password: null }).ok).toBe(true);
    expect(checkSmtpSettings({ ...smtp, host: '[::1]', port: 25 }).ok).toBe(true);
  });

  it('keeps a stored password when the change leaves it out', () => {
    const { password: _left, ...withoutPassword } = smtp;
    expect(checkSmtpSettings(withoutPassword, { passwordStored: true }).ok).toBe(true);
    expect(checkSmtpSettings(withoutPassword, { passwordStored: false })).toMatchObject({
      field: 'smtp.password',
    });
  });

  it.each<[string, Partial<SmtpSettingsInput>, string]>([
    ['a host with spaces', { host: 'smtp example' }, 'smtp.host'],
    ['no host', { host: '' }, 'smtp.host'],
    ['port 0', { port: 0 }, 'smtp.port'],
    ['port 70000', { port: 70_000 }, 'smtp.port'],
    ['a user without a password', { password: null }, 'smtp.password'],
    ['a password without a user', { user: null }, 'smtp.password'],
    ['an empty password', { password: '' }, 'smtp.password'],
    ['a sender that is no address', { from: 'Shop' }, 'smtp.from'],
    ['no rate', { ratePerSecond: 0 }, 'smtp.ratePerSecond'],
    ['a fractional rate', { ratePerSecond: 1.5 }, 'smtp.ratePerSecond'],
    ['too fast a rate', { ratePerSecond: 501 }, 'smtp.ratePerSecond'],
  ])('refuses %s', (_name, change, field) => {
    expect(checkSmtpSettings({ ...smtp, ...change })).toMatchObject({
      ok: false,
      code: 'validation_failed',
      field,
    });
  });

  it('knows a sender address with or without a name', () => {
    expect(isSenderAddress('news@shop.example')).toBe(true);
    expect(isSenderAddress('The Shop <news@shop.example>')).toBe(true);
    expect(isSenderAddress('news@shop')).toBe(false);
    expect(isSenderAddress('<>')).toBe(false);
  });
});

describe('a mail settings change', () => {
  it('checks each part and tidies what it keeps', () => {
    expect(
      checkMailSettingsChange(
        { publicBaseUrl: 'https://shop.example/', unsubscribeLinkDays: 365, smtp: null },
        { passwordStored: false },
      ),
    ).toEqual({
      ok: true,
      value: { publicBaseUrl: 'https://shop.example', unsubscribeLinkDays: 365, smtp: null },
    });
    expect(checkMailSettingsChange({ publicBaseUrl: null }, { passwordStored: false }).ok).toBe(
      true,
    );
    expect(
      checkMailSettingsChange({ unsubscribeLinkDays: 29 }, { passwordStored: false }),
    ).toMatchObject({ field: 'unsubscribeLinkDays' });
    expect(
      checkMailSettingsChange({ smtp: { ...smtp, port: -1 } }, { passwordStored: false }),
    ).toMatchObject({ field: 'smtp.port' });
  });
});
