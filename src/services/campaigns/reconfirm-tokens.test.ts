import { describe, expect, it } from 'vitest';
import { createContactVault } from '../platform/contact-vault.ts';
import {
  issueReconfirmToken,
  reconfirmTokenDays,
  verifyReconfirmToken,
} from './reconfirm-tokens.ts';
import { issueUnsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-tokens.ts';

const vault = createContactVault(Buffer.alloc(32, 7));
const claim = {
  campaignId: '019a0000-0000-7000-8000-000000000001',
  customerId: '019a0000-0000-7000-8000-0000000000ff',
  issuedAt: new Date('2026-12-01T09:00:00Z'),
};
const day = 86_400_000;
const at = (millisLater: number) => ({ now: new Date(claim.issuedAt.getTime() + millisLater) });

describe('re-confirm tokens', () => {
  it('round-trips the claim', () => {
    const token = issueReconfirmToken(vault, claim);
    expect(verifyReconfirmToken(vault, token, at(day))).toEqual({ ok: true, value: claim });
  });

  it('never serves as an unsubscribe token, nor the other way round', () => {
    const reconfirm = issueReconfirmToken(vault, claim);
    const unsubscribe = issueUnsubscribeToken(vault, claim);
    expect(reconfirm).not.toBe(unsubscribe);
    // Same layout and claim; only the purpose's key differs, and that is enough.
    expect(reconfirm.slice(0, 48)).toBe(unsubscribe.slice(0, 48));
    expect(verifyUnsubscribeToken(vault, reconfirm, at(0))).toMatchObject({
      code: 'invalid_unsubscribe_token',
    });
    expect(verifyReconfirmToken(vault, unsubscribe, at(0))).toMatchObject({
      code: 'invalid_reconfirm_token',
      field: 'token',
    });
  });

  it('refuses a forged signature, a tampered claim and an old link', () => {
    const token = issueReconfirmToken(vault, claim);
    const otherKey = issueReconfirmToken(createContactVault(Buffer.alloc(32, 8)), claim);
    expect(verifyReconfirmToken(vault, otherKey, at(0))).toMatchObject({
      code: 'invalid_reconfirm_token',
    });
    for (let i = 0; i < token.length; i++) {
      const swapped = token[i] === 'A' ? 'B' : 'A';
      const tampered = token.slice(0, i) + swapped + token.slice(i + 1);
      expect(verifyReconfirmToken(vault, tampered, at(0)).ok, `position ${i}`).toBe(false);
    }
    expect(verifyReconfirmToken(vault, token, at(reconfirmTokenDays * day)).ok).toBe(true);
    expect(verifyReconfirmToken(vault, token, at(reconfirmTokenDays * day + 1000))).toMatchObject({
      code: 'reconfirm_token_expired',
    });
  });
});
