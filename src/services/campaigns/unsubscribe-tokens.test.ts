import { describe, expect, it } from 'vitest';
import { createContactVault } from '../platform/contact-vault.ts';
import { issueUnsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-tokens.ts';

const vault = createContactVault(Buffer.alloc(32, 7));
const otherShop = createContactVault(Buffer.alloc(32, 8));
const claim = {
  campaignId: '019a0000-0000-7000-8000-000000000001',
  customerId: '019a0000-0000-7000-8000-0000000000ff',
  issuedAt: new Date('2026-12-01T09:00:00Z'),
};
const token = issueUnsubscribeToken(vault, claim);
const day = 86_400_000;

function at(millisLater: number): { now: Date } {
  return { now: new Date(claim.issuedAt.getTime() + millisLater) };
}

describe('unsubscribe tokens', () => {
  it('round-trips campaign, customer and issue time in a URL-safe string', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{92}$/);
    expect(verifyUnsubscribeToken(vault, token, at(day))).toEqual({ ok: true, value: claim });
  });

  it('refuses a token signed under another master key', () => {
    const forged = issueUnsubscribeToken(otherShop, claim);
    expect(verifyUnsubscribeToken(vault, forged, at(0))).toMatchObject({
      ok: false,
      code: 'invalid_unsubscribe_token',
      field: 'token',
    });
  });

  it('refuses a token with any one character changed', () => {
    for (let i = 0; i < token.length; i++) {
      const swapped = token[i] === 'A' ? 'B' : 'A';
      const tampered = token.slice(0, i) + swapped + token.slice(i + 1);
      expect(verifyUnsubscribeToken(vault, tampered, at(0)).ok, `position ${i}`).toBe(false);
    }
  });

  it('refuses a token for someone else built from the signature of another', () => {
    const someoneElse = '119a0000-0000-7000-8000-0000000000aa';
    const other = issueUnsubscribeToken(vault, { ...claim, customerId: someoneElse });
    // 48 characters are the first 36 bytes: version, campaign, customer, most of the time.
    const spliced = other.slice(0, 48) + token.slice(48);
    expect(spliced).not.toBe(token);
    expect(verifyUnsubscribeToken(vault, spliced, at(0))).toMatchObject({
      code: 'invalid_unsubscribe_token',
    });
  });

  it('refuses truncated, padded, empty and non-base64url tokens', () => {
    for (const bad of [
      token.slice(0, -1),
      token.slice(0, 40),
      `${token}A`,
      '',
      `${token.slice(0, -1)}=`,
      token.replace(/.$/, '/'),
    ]) {
      expect(verifyUnsubscribeToken(vault, bad, at(0))).toMatchObject({
        code: 'invalid_unsubscribe_token',
      });
    }
  });

  it('expires after the allowed age (a year unless told otherwise)', () => {
    expect(verifyUnsubscribeToken(vault, token, at(365 * day)).ok).toBe(true);
    expect(verifyUnsubscribeToken(vault, token, at(365 * day + 1000))).toMatchObject({
      ok: false,
      code: 'unsubscribe_token_expired',
      field: 'token',
    });
    expect(verifyUnsubscribeToken(vault, token, { ...at(31 * day), maxAgeDays: 30 })).toMatchObject(
      { code: 'unsubscribe_token_expired' },
    );
  });

  it('refuses a token issued in the future (beyond a little clock skew)', () => {
    expect(verifyUnsubscribeToken(vault, token, at(-60_000)).ok).toBe(true);
    expect(verifyUnsubscribeToken(vault, token, at(-day))).toMatchObject({
      code: 'invalid_unsubscribe_token',
    });
  });
});
