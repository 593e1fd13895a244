import argon2 from 'argon2';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Passwords and PINs are stored as argon2id hashes. */
export function hashSecret(secret: string): Promise<string> {
  return argon2.hash(secret, { type: argon2.argon2id });
}

// Verifying against a fixed hash when the account does not exist keeps the answer time
// the same, so response times do not tell which usernames exist.
let dummyHash: Promise<string> | undefined;

export async function verifySecret(hash: string | null, secret: string): Promise<boolean> {
  if (hash === null) {
    dummyHash ??= hashSecret('not-a-real-secret');
    await argon2.verify(await dummyHash, secret);
    return false;
  }
  return argon2.verify(hash, secret);
}

/** Session tokens and API key secrets are random; only their SHA-256 is stored. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

export function sameDigest(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
