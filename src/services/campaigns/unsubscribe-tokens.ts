import { timingSafeEqual } from 'node:crypto';
import { fail, ok, type Result } from '../../domain/result.ts';
import type { ContactVault } from '../platform/contact-vault.ts';

/**
 * The token in a campaign email's unsubscribe link (RFC 8058): who unsubscribes from
 * which campaign, and when the link was made, signed with HMAC-SHA256 under a key derived
 * from the master key for this purpose alone. The link works without signing in, so the
 * signature is the only thing standing between a stranger and someone's consent record.
 *
 * Layout, base64url: version (1 byte) | campaign id (16) | customer id (16) |
 * issued at, seconds since 1970 (4) | HMAC-SHA256 of what precedes it (32).
 */
export type UnsubscribeClaim = { campaignId: string; customerId: string; issuedAt: Date };

const version = 1;
const payloadLength = 1 + 16 + 16 + 4;
const macLength = 32;
const tokenLength = Math.ceil(((payloadLength + macLength) * 4) / 3);
const purpose = 'unsubscribe-link';

/** Links keep working for a year by default: people unsubscribe from old mail too. */
export const defaultUnsubscribeTokenDays = 365;
/** A link "issued" further ahead than this is forged or made on a clock gone wrong. */
const clockSkewMillis = 5 * 60_000;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidBytes(id: string): Buffer {
  if (!uuidPattern.test(id)) throw new Error('an unsubscribe token needs UUID ids');
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

function uuidOf(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function issueUnsubscribeToken(vault: ContactVault, claim: UnsubscribeClaim): string {
  const payload = Buffer.alloc(payloadLength);
  payload.writeUInt8(version, 0);
  uuidBytes(claim.campaignId).copy(payload, 1);
  uuidBytes(claim.customerId).copy(payload, 17);
  payload.writeUInt32BE(Math.floor(claim.issuedAt.getTime() / 1000), 33);
  return Buffer.concat([payload, vault.sign(purpose, payload)]).toString('base64url');
}

function forged(): Result<never> {
  return fail(
    'invalid_unsubscribe_token',
    'This unsubscribe link is not valid: it may have been cut short when copied',
    { field: 'token' },
  );
}

/**
 * The claim in a token, or why it is refused: anything altered, cut short or padded
 * (`invalid_unsubscribe_token`), or older than `maxAgeDays` (`unsubscribe_token_expired`).
 */
export function verifyUnsubscribeToken(
  vault: ContactVault,
  token: string,
  options: { now: Date; maxAgeDays?: number },
): Result<UnsubscribeClaim> {
  if (token.length !== tokenLength || !/^[A-Za-z0-9_-]+$/.test(token)) return forged();
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== payloadLength + macLength) return forged();
  const payload = bytes.subarray(0, payloadLength);
  const mac = bytes.subarray(payloadLength);
  if (!timingSafeEqual(mac, vault.sign(purpose, payload)) || payload.readUInt8(0) !== version) {
    return forged();
  }
  const issuedAt = new Date(payload.readUInt32BE(33) * 1000);
  const age = options.now.getTime() - issuedAt.getTime();
  if (age < -clockSkewMillis) return forged();
  const maxAgeDays = options.maxAgeDays ?? defaultUnsubscribeTokenDays;
  if (age > maxAgeDays * 86_400_000) {
    return fail(
      'unsubscribe_token_expired',
      `This unsubscribe link is more than ${maxAgeDays} days old and no longer works`,
      { field: 'token' },
    );
  }
  return ok({
    campaignId: uuidOf(payload.subarray(1, 17)),
    customerId: uuidOf(payload.subarray(17, 33)),
    issuedAt,
  });
}
