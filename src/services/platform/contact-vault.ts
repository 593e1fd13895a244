import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Envelope encryption for contact details. Each customer has a random data key; the data
 * key is stored wrapped (AES-256-GCM) under a key derived from the master key, so erasing a
 * customer is deleting one wrapped key. Blind indexes (HMAC-SHA256 under another derived
 * key) let us find "who has this phone" without storing the phone in clear.
 */
export type ContactVault = {
  newDataKey(): { key: Buffer; wrapped: Buffer };
  unwrapDataKey(wrapped: Buffer): Buffer;
  seal(key: Buffer, field: string, plaintext: string): Buffer;
  open(key: Buffer, field: string, sealed: Buffer): string;
  blindIndex(kind: string, normalisedValue: string): Buffer;
  /**
   * HMAC-SHA256 of a message under a key derived for this purpose alone (such as signed
   * unsubscribe links), so no two uses share a key and the master key never leaves here.
   */
  sign(purpose: string, message: Buffer): Buffer;
};

const ivLength = 12;
const tagLength = 16;

function derive(masterKey: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `clientele:${purpose}`, 32));
}

function encrypt(key: Buffer, aad: string, plaintext: Buffer): Buffer {
  const iv = randomBytes(ivLength);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function decrypt(key: Buffer, aad: string, sealed: Buffer): Buffer {
  const iv = sealed.subarray(0, ivLength);
  const tag = sealed.subarray(ivLength, ivLength + tagLength);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(ivLength + tagLength)), decipher.final()]);
}

export function createContactVault(masterKey: Buffer): ContactVault {
  if (masterKey.length !== 32) throw new Error('The master key must be 32 bytes');
  const wrappingKey = derive(masterKey, 'wrap-data-keys:v1');
  const indexKey = derive(masterKey, 'blind-index:v1');
  const signingKeys = new Map<string, Buffer>();
  return {
    newDataKey() {
      const key = randomBytes(32);
      return { key, wrapped: encrypt(wrappingKey, 'data-key', key) };
    },
    unwrapDataKey: (wrapped) => decrypt(wrappingKey, 'data-key', wrapped),
    // The field name is bound in as associated data, so a sealed email cannot be
    // swapped into the phone column unnoticed.
    seal: (key, field, plaintext) => encrypt(key, field, Buffer.from(plaintext, 'utf8')),
    open: (key, field, sealed) => decrypt(key, field, sealed).toString('utf8'),
    blindIndex: (kind, value) =>
      createHmac('sha256', indexKey).update(`${kind}\u0000${value}`).digest(),
    sign(purpose, message) {
      let key = signingKeys.get(purpose);
      if (!key) signingKeys.set(purpose, (key = derive(masterKey, `sign:${purpose}:v1`)));
      return createHmac('sha256', key).update(message).digest();
    },
  };
}
