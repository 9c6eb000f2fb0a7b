import { describe, expect, it } from 'vitest';
import {
  checkKnownAnswers,
  hkdfSm3,
  hmacSm3,
  nodeSmPrimitives,
  runKnownAnswerTests,
  sm3Hex,
  sm4CbcDecrypt,
  sm4CbcEncrypt,
  type SmPrimitives,
} from './sm.js';

const KEY = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
const IV = Buffer.alloc(16, 7);

describe('SM3', () => {
  it('matches the GB/T 32905 examples', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3Hex('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('hashes strings as UTF-8, same as the bytes', () => {
    expect(sm3Hex('职评')).toBe(sm3Hex(Buffer.from('职评', 'utf8')));
  });
});

describe('HMAC-SM3', () => {
  it('is keyed', () => {
    expect(hmacSm3(Buffer.from('k1'), 'x')).toHaveLength(32);
    expect(hmacSm3(Buffer.from('k1'), 'x').equals(hmacSm3(Buffer.from('k2'), 'x'))).toBe(false);
  });
});

describe('SM4-CBC', () => {
  it('round-trips any length, padding to whole blocks', () => {
    for (const n of [0, 1, 15, 16, 17, 100]) {
      const plain = Buffer.alloc(n, 0x41);
      const ct = sm4CbcEncrypt(KEY, IV, plain);
      expect(ct.length).toBe((Math.floor(n / 16) + 1) * 16);
      expect(sm4CbcDecrypt(KEY, IV, ct).equals(plain)).toBe(true);
    }
  });

  it('depends on the IV', () => {
    const plain = Buffer.from('same plaintext');
    expect(sm4CbcEncrypt(KEY, IV, plain).equals(sm4CbcEncrypt(KEY, Buffer.alloc(16), plain))).toBe(false);
  });

  it('refuses keys and IVs of the wrong size', () => {
    expect(() => sm4CbcEncrypt(Buffer.alloc(15), IV, Buffer.from('x'))).toThrow();
    expect(() => sm4CbcEncrypt(KEY, Buffer.alloc(8), Buffer.from('x'))).toThrow();
  });
});

describe('hkdfSm3', () => {
  it('gives the requested length, deterministic and separated by info', () => {
    const ikm = Buffer.alloc(32, 1);
    expect(hkdfSm3(ikm, 'a', 16)).toHaveLength(16);
    expect(hkdfSm3(ikm, 'a', 32).equals(hkdfSm3(ikm, 'a', 32))).toBe(true);
    expect(hkdfSm3(ikm, 'a', 32).equals(hkdfSm3(ikm, 'b', 32))).toBe(false);
    expect(hkdfSm3(ikm, 'a', 32).equals(hkdfSm3(Buffer.alloc(32, 2), 'a', 32))).toBe(false);
  });
});

describe('known-answer tests', () => {
  it('pass on this Node build', () => {
    expect(() => runKnownAnswerTests()).not.toThrow();
  });

  const broken: Array<[string, Partial<SmPrimitives>, RegExp]> = [
    ['SM3 returning another digest', { sm3Hex: (d) => nodeSmPrimitives.sm3Hex(Buffer.concat([Buffer.from(d), Buffer.from('!')])) }, /^SM3 /],
    ['SM4 using another key', { sm4EcbEncryptBlocks: (_k, b) => nodeSmPrimitives.sm4EcbEncryptBlocks(Buffer.alloc(16), b) }, /^SM4-ECB /],
    ['HMAC ignoring its key', { hmacSm3: (_k, d) => nodeSmPrimitives.hmacSm3(Buffer.alloc(0), d) }, /^HMAC-SM3 /],
    ['HMAC hashing the key too long', { hmacSm3: (k, d) => nodeSmPrimitives.hmacSm3(k.length > 64 ? k.subarray(0, 64) : k, d) }, /^HMAC-SM3 /],
    ['CBC ignoring the IV', { sm4CbcEncrypt: (k, _iv, p) => nodeSmPrimitives.sm4CbcEncrypt(k, Buffer.alloc(16, 1), p) }, /^SM4-CBC /],
    ['CBC decrypt dropping a byte', { sm4CbcDecrypt: (k, iv, c) => nodeSmPrimitives.sm4CbcDecrypt(k, iv, c).subarray(1) }, /^SM4-CBC /],
  ];
  for (const [name, sabotage, expected] of broken) {
    it(`throw naming the algorithm when ${name}`, () => {
      expect(() => checkKnownAnswers({ ...nodeSmPrimitives, ...sabotage })).toThrow(expected);
    });
  }
});
