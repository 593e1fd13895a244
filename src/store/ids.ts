import { randomBytes } from 'node:crypto';

let lastMillis = 0;
let sequence = 0;

/**
 * UUIDv7 (RFC 9562): time-ordered, so new rows land at the right edge of the index,
 * and not a sequence, so the keys survive a move to a distributed PostgreSQL.
 * Within one millisecond a 12-bit counter keeps ids from one process ordered.
 */
export function newId(now = Date.now()): string {
  if (now === lastMillis) {
    sequence = (sequence + 1) & 0xfff;
  } else {
    lastMillis = now;
    sequence = randomBytes(2).readUInt16BE(0) & 0x3ff;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
