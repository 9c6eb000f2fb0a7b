import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { sm2 as smV2 } from 'sm-crypto-v2';
import { deriveSigningKey, SM2_USER_ID, sm2Sign, sm2Verify } from './sm2.js';

// The second, independent implementation (jsbn-based, no shared code with sm-crypto-v2). It is
// CommonJS without type declarations, so it is loaded through require and typed here.
interface SmCryptoSm2 {
  doSignature(msg: string | number[] | Uint8Array, privateKey: string, options?: { hash?: boolean; publicKey?: string; userId?: string; der?: boolean }): string;
  doVerifySignature(msg: string | number[] | Uint8Array, signHex: string, publicKey: string, options?: { hash?: boolean; userId?: string; der?: boolean }): boolean;
  getPublicKeyFromPrivateKey(privateKey: string): string;
}
const other = (createRequire(import.meta.url)('sm-crypto') as { sm2: SmCryptoSm2 }).sm2;

const master = Buffer.alloc(32, 7);
const key = deriveSigningKey(master);
const message = '{"number":"AKS-2024-FG-000123","name":"阿依古丽"}';

describe('sm2', () => {
  it('derives a valid key pair deterministically from the master key', () => {
    expect(deriveSigningKey(Buffer.alloc(32, 7))).toEqual(key);
    expect(deriveSigningKey(Buffer.alloc(32, 8)).privateKeyHex).not.toBe(key.privateKeyHex);
    expect(key.privateKeyHex).toMatch(/^[0-9a-f]{64}$/);
    expect(key.publicKeyHex).toMatch(/^04[0-9a-f]{128}$/);
    expect(smV2.verifyPublicKey(key.publicKeyHex)).toBe(true);
    // The second implementation derives the same public key from the private key.
    expect(other.getPublicKeyFromPrivateKey(key.privateKeyHex).toLowerCase()).toBe(key.publicKeyHex);
  });

  it('signs and verifies strings and buffers (r || s, 128 hex)', () => {
    const signature = sm2Sign(message, key.privateKeyHex);
    expect(signature).toMatch(/^[0-9a-f]{128}$/);
    expect(sm2Verify(message, signature, key.publicKeyHex)).toBe(true);
    // A string is signed as its UTF-8 bytes.
    expect(sm2Verify(Buffer.from(message, 'utf8'), signature, key.publicKeyHex)).toBe(true);
    const binary = Buffer.from([0, 1, 2, 255, 254]);
    expect(sm2Verify(binary, sm2Sign(binary, key.privateKeyHex), key.publicKeyHex)).toBe(true);
  });

  it('rejects a tampered message and a wrong key', () => {
    const signature = sm2Sign(message, key.privateKeyHex);
    expect(sm2Verify(message.replace('阿依古丽', '阿依古兰'), signature, key.publicKeyHex)).toBe(false);
    const otherKey = deriveSigningKey(Buffer.alloc(32, 9));
    expect(sm2Verify(message, signature, otherKey.publicKeyHex)).toBe(false);
  });

  it('returns false, never throws, on malformed input', () => {
    const signature = sm2Sign(message, key.privateKeyHex);
    const n = 'fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123';
    const cases: [unknown, unknown][] = [
      ['', key.publicKeyHex],
      ['zz'.repeat(64), key.publicKeyHex],
      [signature.slice(0, 126), key.publicKeyHex],
      [signature + '00', key.publicKeyHex],
      ['0'.repeat(128), key.publicKeyHex],
      [n + signature.slice(64), key.publicKeyHex],
      [signature.slice(0, 64) + n, key.publicKeyHex],
      [signature.slice(0, 64) + '0'.repeat(64), key.publicKeyHex],
      [signature, ''],
      [signature, '04' + '00'.repeat(64)], // not on the curve
      [signature, key.publicKeyHex.slice(0, 66)], // compressed-length garbage
      [signature, '04' + 'g'.repeat(128)],
      [null, key.publicKeyHex],
      [signature, undefined],
    ];
    for (const [sig, pub] of cases) {
      expect(() => sm2Verify(message, sig as string, pub as string)).not.toThrow();
      expect(sm2Verify(message, sig as string, pub as string)).toBe(false);
    }
    expect(sm2Verify(null as unknown as string, signature, key.publicKeyHex)).toBe(false);
  });

  it(`security.md: SM2 with the standard distinguishing id ${SM2_USER_ID}, cross-checked with sm-crypto`, () => {
    // Ours → theirs, with the standard id given explicitly and by their default.
    const ours = sm2Sign(message, key.privateKeyHex);
    expect(other.doVerifySignature(message, ours, key.publicKeyHex, { hash: true, userId: SM2_USER_ID })).toBe(true);
    expect(other.doVerifySignature(message, ours, key.publicKeyHex, { hash: true })).toBe(true);
    // Theirs → ours.
    const theirs = other.doSignature(message, key.privateKeyHex, { hash: true, publicKey: key.publicKeyHex, userId: SM2_USER_ID });
    expect(sm2Verify(message, theirs, key.publicKeyHex)).toBe(true);
    const bytes = Buffer.from('二进制 payload \u0000\u00ff', 'utf8');
    const theirsBytes = other.doSignature(Array.from(bytes), key.privateKeyHex, { hash: true, userId: SM2_USER_ID });
    expect(sm2Verify(bytes, theirsBytes, key.publicKeyHex)).toBe(true);

    // A signature under a different id (empty, as Node's built-in SM2 uses) is valid for that id
    // but does not verify here: the id really enters the hash.
    for (const userId of ['', 'ALICE123@YAHOO.COM']) {
      const foreignV1 = other.doSignature(message, key.privateKeyHex, { hash: true, userId });
      expect(other.doVerifySignature(message, foreignV1, key.publicKeyHex, { hash: true, userId })).toBe(true);
      expect(sm2Verify(message, foreignV1, key.publicKeyHex)).toBe(false);
      const foreignV2 = smV2.doSignature(message, key.privateKeyHex, { hash: true, userId });
      expect(sm2Verify(message, foreignV2, key.publicKeyHex)).toBe(false);
      // And ours does not verify under that id.
      expect(other.doVerifySignature(message, ours, key.publicKeyHex, { hash: true, userId })).toBe(false);
    }
    // A raw signature over the message itself (no Z, no SM3) is not accepted either.
    const raw = smV2.doSignature(message, key.privateKeyHex);
    expect(sm2Verify(message, raw, key.publicKeyHex)).toBe(false);
  });
});
