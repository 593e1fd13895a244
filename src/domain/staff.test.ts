import { describe, expect, it } from 'vitest';
import { validatePin, validateUsername, validatePassword, validateRole } from './staff.ts';
import { validateConsent } from './consent.ts';

describe('staff rules', () => {
  it.each(['2580', '73519', '04711234'])('accepts PIN %s', (pin) =>
    expect(validatePin(pin).ok).toBe(true),
  );
  it.each(['123', '1111', '1234', '9876', '12a4', '123456789'])('rejects PIN %s', (pin) =>
    expect(validatePin(pin)).toMatchObject({ ok: false, field: 'pin' }),
  );
  it('normalises usernames and rejects odd ones', () => {
    expect(validateUsername(' Cara ')).toEqual({ ok: true, value: 'cara' });
    expect(validateUsername('a b')).toMatchObject({ ok: false, field: 'username' });
  });
  it('wants passwords of 8+ characters and a known role', () => {
    expect(validatePassword('short')).toMatchObject({ ok: false, field: 'password' });
    expect(validateRole('owner')).toMatchObject({ ok: false, field: 'role' });
  });
});

describe('consent', () => {
  it('requires the exact wording', () => {
    expect(validateConsent({ channel: 'email', granted: true, wording: '  ' })).toMatchObject({
      ok: false,
      field: 'consent.wording',
    });
    expect(validateConsent({ channel: 'fax', granted: true, wording: 'x' })).toMatchObject({
      ok: false,
      field: 'consent.channel',
    });
    expect(validateConsent({ channel: 'sms', granted: false, wording: ' Stop texts ' })).toEqual({
      ok: true,
      value: { channel: 'sms', granted: false, wording: 'Stop texts' },
    });
  });
});
