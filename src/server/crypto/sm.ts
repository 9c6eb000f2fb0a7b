// Chinese national algorithms (SM3 hash, SM4 block cipher) through Node's OpenSSL. Thin wrappers so
// the rest of the server never spells an algorithm name, plus the known-answer tests that
// security.md requires at start-up: if the OpenSSL build lacks or breaks SM3/SM4 we refuse to run.

import crypto from 'node:crypto';

export function sm3Hex(data: string | Buffer): string {
  return crypto.createHash('sm3').update(data).digest('hex');
}

export function hmacSm3(key: Buffer, data: string | Buffer): Buffer {
  return crypto.createHmac('sm3', key).update(data).digest();
}

/** SM4-CBC with PKCS#7 padding (Node's default), so any plaintext length is accepted. */
export function sm4CbcEncrypt(key16: Buffer, iv16: Buffer, plain: Buffer): Buffer {
  const cipher = crypto.createCipheriv('sm4-cbc', key16, iv16);
  return Buffer.concat([cipher.update(plain), cipher.final()]);
}

/** Inverse of sm4CbcEncrypt; throws if the padding is wrong (wrong key or corrupted data). */
export function sm4CbcDecrypt(key16: Buffer, iv16: Buffer, ciphertext: Buffer): Buffer {
  const decipher = crypto.createDecipheriv('sm4-cbc', key16, iv16);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

/** HKDF (RFC 5869) with HMAC-SM3 and an empty salt: the input is already a uniform random key. */
export function hkdfSm3(ikm: Buffer, info: string, length: number): Buffer {
  return Buffer.from(crypto.hkdfSync('sm3', ikm, Buffer.alloc(0), info, length));
}

/** Raw SM4 on whole blocks, used only by the known-answer test (ECB is never used for data). */
function sm4EcbEncryptBlocks(key16: Buffer, blocks: Buffer): Buffer {
  const cipher = crypto.createCipheriv('sm4-ecb', key16, null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(blocks), cipher.final()]);
}

/** The primitives the known-answer tests exercise; a parameter so a test can pass a broken one. */
export interface SmPrimitives {
  sm3Hex: (data: string | Buffer) => string;
  hmacSm3: (key: Buffer, data: string | Buffer) => Buffer;
  sm4EcbEncryptBlocks: (key16: Buffer, blocks: Buffer) => Buffer;
  sm4CbcEncrypt: (key16: Buffer, iv16: Buffer, plain: Buffer) => Buffer;
  sm4CbcDecrypt: (key16: Buffer, iv16: Buffer, ciphertext: Buffer) => Buffer;
}

export const nodeSmPrimitives: SmPrimitives = {
  sm3Hex,
  hmacSm3,
  sm4EcbEncryptBlocks,
  sm4CbcEncrypt,
  sm4CbcDecrypt,
};

// GB/T 32905-2016 appendix A, example 1.
const SM3_ABC = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';
// GB/T 32907-2016 appendix A, example 1 (key and plaintext are the same block).
const SM4_KEY_AND_PLAIN = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
const SM4_CIPHER = '681edf34d206965e86b3e94f536e4246';
const SM3_BLOCK_BYTES = 64;

/** HMAC (RFC 2104) built by hand from SM3, to check the library's HMAC-SM3 against it. */
function referenceHmacSm3(sm3: SmPrimitives['sm3Hex'], key: Buffer, data: Buffer): Buffer {
  const block = Buffer.alloc(SM3_BLOCK_BYTES);
  (key.length > SM3_BLOCK_BYTES ? Buffer.from(sm3(key), 'hex') : key).copy(block);
  const inner = Buffer.from(sm3(Buffer.concat([block.map((b) => b ^ 0x36), data])), 'hex');
  return Buffer.from(sm3(Buffer.concat([block.map((b) => b ^ 0x5c), inner])), 'hex');
}

/** Throws an Error naming the algorithm whose answer is wrong. */
export function checkKnownAnswers(p: SmPrimitives): void {
  if (p.sm3Hex('abc') !== SM3_ABC) throw new Error('SM3 known-answer test failed');

  if (p.sm4EcbEncryptBlocks(SM4_KEY_AND_PLAIN, SM4_KEY_AND_PLAIN).toString('hex') !== SM4_CIPHER) {
    throw new Error('SM4-ECB known-answer test failed');
  }

  // A short and a longer-than-one-block key cover both key paths of HMAC.
  const message = Buffer.from('known-answer test message');
  for (const key of [Buffer.from('key'), Buffer.alloc(100, 0xa5)]) {
    if (!p.hmacSm3(key, message).equals(referenceHmacSm3(p.sm3Hex, key, message))) {
      throw new Error('HMAC-SM3 known-answer test failed');
    }
  }

  // With a zero IV the first CBC block equals the ECB answer; the rest must round-trip.
  const zeroIv = Buffer.alloc(16);
  const plain = Buffer.concat([SM4_KEY_AND_PLAIN, Buffer.from('and a partial block')]);
  const encrypted = p.sm4CbcEncrypt(SM4_KEY_AND_PLAIN, zeroIv, plain);
  if (
    encrypted.subarray(0, 16).toString('hex') !== SM4_CIPHER ||
    !p.sm4CbcDecrypt(SM4_KEY_AND_PLAIN, zeroIv, encrypted).equals(plain)
  ) {
    throw new Error('SM4-CBC known-answer test failed');
  }
}

/** Run at start-up and in CI: throws if this Node/OpenSSL build gets SM3 or SM4 wrong. */
export function runKnownAnswerTests(): void {
  checkKnownAnswers(nodeSmPrimitives);
}
