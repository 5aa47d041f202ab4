import { randomBytes } from 'node:crypto';

/**
 * A time-ordered UUID (version 7): the ledger appends millions of rows in time order, and ordered
 * keys keep its primary-key index append-only instead of splitting pages at random.
 */
const POOL_IDS = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

function sixteenRandomBytes(): Buffer {
  if (offset >= pool.length) {
    pool = randomBytes(16 * POOL_IDS);
    offset = 0;
  }
  offset += 16;
  return pool.subarray(offset - 16, offset);
}

export function timeOrderedId(millis: number = Date.now()): string {
  const bytes = sixteenRandomBytes();
  const high = Math.floor(millis / 0x1_0000_0000);
  const low = millis >>> 0;
  bytes[0] = (high >>> 8) & 0xff;
  bytes[1] = high & 0xff;
  bytes[2] = (low >>> 24) & 0xff;
  bytes[3] = (low >>> 16) & 0xff;
  bytes[4] = (low >>> 8) & 0xff;
  bytes[5] = low & 0xff;
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
