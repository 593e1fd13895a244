import { describe, expect, it } from 'vitest';
import {
  normaliseAddress,
  normaliseBirthday,
  normaliseEmail,
  normalisePhone,
  phoneEnding,
} from './contact-details.ts';
import { maskContacts, maskEmail, maskPhone } from './contact-mask.ts';

describe('normalisePhone', () => {
  it.each([
    ['07911 123456', 'GB', '+447911123456'],
    ['+44 7911 123456', 'NO', '+447911123456'],
    ['(020) 7946 0018', 'GB', '+442079460018'],
    ['412 34 567', 'NO', '+4741234567'],
    ['+1 212-555-0143', 'GB', '+12125550143'],
  ])('%s in %s -> %s', (input, country, expected) => {
    expect(normalisePhone(input, country)).toEqual({ ok: true, value: expected });
  });

  it.each(['', 'call me', '123', '07911 1234564567', '+44 1'])(
    'rejects %j naming the field',
    (input) => {
      expect(normalisePhone(input, 'GB')).toMatchObject({ ok: false, field: 'phone' });
    },
  );
});

describe('normaliseEmail', () => {
  it('lower-cases and trims', () => {
    expect(normaliseEmail('  Ann.Smith@Example.CO.UK ')).toEqual({
      ok: true,
      value: 'ann.smith@example.co.uk',
    });
  });
  it.each(['ann', 'ann@', '@example.com', 'ann@example', 'a b@example.com'])(
    'rejects %j',
    (input) => {
      expect(normaliseEmail(input)).toMatchObject({ ok: false, field: 'email' });
    },
  );
});

describe('normaliseBirthday', () => {
  it('accepts a real past date', () => {
    expect(normaliseBirthday('1984-02-29', '2026-11-22')).toEqual({
      ok: true,
      value: '1984-02-29',
    });
  });
  it.each([
    ['1985-02-29', 'not a real calendar date'],
    ['2030-01-01', 'must not be in the future'],
    ['1850-01-01', 'after 1900'],
    ['01/02/1990', 'YYYY-MM-DD'],
  ])('rejects %s', (input, message) => {
    const result = normaliseBirthday(input, '2026-11-22');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});

describe('normaliseAddress', () => {
  it('requires line1, city, postcode and a two-letter country', () => {
    expect(
      normaliseAddress({ line1: '1 High St', city: 'Leeds', postcode: 'ls1 1aa', country: 'gb' }),
    ).toEqual({
      ok: true,
      value: { line1: '1 High St', city: 'Leeds', postcode: 'LS1 1AA', country: 'GB' },
    });
    expect(normaliseAddress({ line1: '1 High St', city: 'Leeds', country: 'GB' })).toMatchObject({
      ok: false,
      field: 'address.postcode',
    });
    expect(
      normaliseAddress({ line1: '1 High St', city: 'Leeds', postcode: 'X', country: 'GBR' }),
    ).toMatchObject({
      ok: false,
      field: 'address.country',
    });
  });
});

describe('masks', () => {
  it('shows only the last two digits of a phone and the first letters of an email', () => {
    expect(maskPhone('+447911123456')).toBe('••• ••• ••56');
    expect(maskEmail('ann.smith@gmail.com')).toBe('a•••@g•••.com');
    expect(phoneEnding('+447911123456')).toBe('3456');
  });
  it('never carries the values themselves', () => {
    const mask = maskContacts({
      phone: '+447911123456',
      email: 'ann.smith@gmail.com',
      address: { line1: '1 High St', city: 'Leeds', postcode: 'LS1 1AA', country: 'GB' },
      birthday: '1984-02-29',
    });
    const json = JSON.stringify(mask);
    for (const secret of ['7911123456', 'ann.smith', 'High St', '1984'])
      expect(json).not.toContain(secret);
    expect(mask).toEqual({
      maskedPhone: '••• ••• ••56',
      maskedEmail: 'a•••@g•••.com',
      hasAddress: true,
      hasBirthday: true,
    });
  });
});
