import { describe, expect, it } from 'vitest';
import type { ShopSettings } from '@contract/shop.ts';
import { fieldsToChange, retentionHint, settingsToFields } from './settings-fields.ts';

const loaded: ShopSettings = {
  shopName: 'Harbour',
  defaultCountry: 'GB',
  giftCardExpiryMonths: null,
  storeCreditExpiryMonths: 12,
  accountingRetentionYears: null,
  birthdayDays: 14,
  consentMaxAgeMonths: 24,
  allowStaleConsentForSending: false,
};

describe('the settings form', () => {
  it('sends only what changed, empty meaning never or the default', () => {
    const fields = settingsToFields(loaded);
    expect(fieldsToChange(fields, loaded)).toEqual({ ok: true, body: {} });
    expect(
      fieldsToChange(
        { ...fields, accountingRetentionYears: ' 10 ', storeCreditExpiryMonths: '' },
        loaded,
      ),
    ).toEqual({ ok: true, body: { accountingRetentionYears: 10, storeCreditExpiryMonths: null } });
    expect(
      fieldsToChange(settingsToFields({ ...loaded, accountingRetentionYears: 8 }), loaded),
    ).toEqual({ ok: true, body: { accountingRetentionYears: 8 } });
  });

  it('names the field that is not a whole number', () => {
    expect(
      fieldsToChange({ ...settingsToFields(loaded), accountingRetentionYears: '6.5' }, loaded),
    ).toMatchObject({ ok: false, field: 'accountingRetentionYears' });
  });

  it('checks the consent age with the domain rule and sends the checkbox when it changed', () => {
    const fields = settingsToFields(loaded);
    for (const months of ['0', '121', '2.5', '']) {
      expect(fieldsToChange({ ...fields, consentMaxAgeMonths: months }, loaded)).toMatchObject({
        ok: false,
        field: 'consentMaxAgeMonths',
      });
    }
    expect(
      fieldsToChange(
        { ...fields, consentMaxAgeMonths: '36', allowStaleConsentForSending: true },
        loaded,
      ),
    ).toEqual({ ok: true, body: { consentMaxAgeMonths: 36, allowStaleConsentForSending: true } });
  });

  it("says what an empty retention means in the shop's country", () => {
    expect(retentionHint('no')).toContain('the default for NO, 5 years');
    expect(retentionHint('GB')).toContain('the default for GB, 6 years');
    expect(retentionHint('IE')).toContain('the default for IE, 7 years');
  });
});
