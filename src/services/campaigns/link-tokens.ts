import { timingSafeEqual } from 'node:crypto';
import { fail, ok, type ErrorCode, type Result } from '../../domain/result.ts';
import type { ContactVault } from '../platform/contact-vault.ts';

/**
 * The token in a link a campaign email carries (unsubscribe, re-confirm consent): who,
 * from which campaign, and when the link was made, signed with HMAC-SHA256 under a key
 * derived from the master key for that link's purpose alone. These links work without
 * signing in, so the signature is the only thing standing between a stranger and
 * someone's consent record; and because each purpose has its own key, a token made for
 * one purpose never verifies as another (an unsubscribe link cannot re-confirm consent).
 *
 * Layout, base64url: version (1 byte) | campaign id (16) | customer id (16) |
 * issued at, seconds since 1970 (4) | HMAC-SHA256 of what precedes it (32).
 */
export type LinkClaim = { campaignId: string; customerId: string; issuedAt: Date };

/** One kind of link: its signing purpose and how its refusals read. */
export type LinkKind = {
  purpose: string;
  forged: { code: ErrorCode; message: string };
  expired: { code: ErrorCode; message: (maxAgeDays: number) => string };
};

const version = 1;
const payloadLength = 1 + 16 + 16 + 4;
const macLength = 32;
const tokenLength = Math.ceil(((payloadLength + macLength) * 4) / 3);
/** A link "issued" further ahead than this is forged or made on a clock gone wrong. */
const clockSkewMillis = 5 * 60_000;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidBytes(id: string): Buffer {
  if (!uuidPattern.test(id)) throw new Error('a link token needs UUID ids');
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

function uuidOf(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function issueLinkToken(vault: ContactVault, kind: LinkKind, claim: LinkClaim): string {
  const payload = Buffer.alloc(payloadLength);
  payload.writeUInt8(version, 0);
  uuidBytes(claim.campaignId).copy(payload, 1);
  uuidBytes(claim.customerId).copy(payload, 17);
  payload.writeUInt32BE(Math.floor(claim.issuedAt.getTime() / 1000), 33);
  return Buffer.concat([payload, vault.sign(kind.purpose, payload)]).toString('base64url');
}

/**
 * The claim in a token, or why it is refused: anything altered, cut short, padded or
 * signed for another purpose (kind.forged), or older than `maxAgeDays` (kind.expired).
 */
export function verifyLinkToken(
  vault: ContactVault,
  kind: LinkKind,
  token: string,
  { now, maxAgeDays }: { now: Date; maxAgeDays: number },
): Result<LinkClaim> {
  const forged = () => fail(kind.forged.code, kind.forged.message, { field: 'token' });
  if (token.length !== tokenLength || !/^[A-Za-z0-9_-]+$/.test(token)) return forged();
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== payloadLength + macLength) return forged();
  const payload = bytes.subarray(0, payloadLength);
  const mac = bytes.subarray(payloadLength);
  if (
    !timingSafeEqual(mac, vault.sign(kind.purpose, payload)) ||
    payload.readUInt8(0) !== version
  ) {
    return forged();
  }
  const issuedAt = new Date(payload.readUInt32BE(33) * 1000);
  const age = now.getTime() - issuedAt.getTime();
  if (age < -clockSkewMillis) return forged();
  if (age > maxAgeDays * 86_400_000) {
    return fail(kind.expired.code, kind.expired.message(maxAgeDays), { field: 'token' });
  }
  return ok({
    campaignId: uuidOf(payload.subarray(1, 17)),
    customerId: uuidOf(payload.subarray(17, 33)),
    issuedAt,
  });
}
