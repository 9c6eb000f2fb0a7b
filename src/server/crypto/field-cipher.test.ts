import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher, deriveKeys } from './field-cipher.js';

const MASTER = Buffer.alloc(32, 0x42);
const keys = deriveKeys(MASTER);
const cipher = createFieldCipher(keys);
const ID = '65010219900101123X';

describe('deriveKeys', () => {
  it('derives five distinct keys of the right sizes, the same every time', () => {
    expect(keys.encKey).toHaveLength(16);
    for (const k of [keys.macKey, keys.indexKey, keys.sessionKey, keys.csrfKey]) expect(k).toHaveLength(32);
    const hex = Object.values(keys).map((k) => k.toString('hex'));
    expect(new Set(hex).size).toBe(5);
    expect(deriveKeys(Buffer.from(MASTER))).toEqual(keys);
    expect(deriveKeys(Buffer.alloc(32, 0x43)).encKey.equals(keys.encKey)).toBe(false);
  });

  it('needs a 32-byte master key', () => {
    expect(() => deriveKeys(Buffer.alloc(31))).toThrow();
    expect(() => deriveKeys(Buffer.alloc(33))).toThrow();
  });
});

describe('createFieldCipher', () => {
  it('refuses keys of the wrong size', () => {
    expect(() => createFieldCipher({ ...keys, encKey: Buffer.alloc(32) })).toThrow();
    expect(() => createFieldCipher({ ...keys, macKey: Buffer.alloc(16) })).toThrow();
    expect(() => createFieldCipher({ ...keys, indexKey: Buffer.alloc(16) })).toThrow();
  });

  it('round-trips text of any length, Chinese included', () => {
    for (const plain of ['', ID, '13912345678', '新疆维吾尔自治区乌鲁木齐市', 'x'.repeat(1000)]) {
      expect(cipher.decrypt(cipher.encrypt(plain))).toBe(plain);
    }
  });

  it('produces v1.<iv>.<ciphertext>.<mac> and never the plaintext', () => {
    const token = cipher.encrypt(ID);
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/);
    expect(token).not.toContain(ID);
  });

  it('gives a different token each time for the same plaintext (random IV)', () => {
    const tokens = new Set(Array.from({ length: 20 }, () => cipher.encrypt(ID)));
    expect(tokens.size).toBe(20);
  });

  it('throws on a change to any character of the token', () => {
    const token = cipher.encrypt(ID);
    for (let i = 0; i < token.length; i++) {
      const replacement = token[i] === 'A' ? 'B' : 'A';
      const tampered = token.slice(0, i) + replacement + token.slice(i + 1);
      expect(() => cipher.decrypt(tampered), `position ${i}`).toThrow('数据完整性校验失败');
    }
  });

  it('throws on a flipped bit in any byte of IV, ciphertext or MAC', () => {
    const [version, ...parts] = cipher.encrypt(ID).split('.');
    parts.forEach((part, p) => {
      const bytes = Buffer.from(part, 'base64url');
      for (let b = 0; b < bytes.length; b++) {
        const flipped = Buffer.from(bytes);
        flipped[b] ^= 0x01;
        const tampered = [version, ...parts.map((x, q) => (q === p ? flipped.toString('base64url') : x))].join('.');
        expect(() => cipher.decrypt(tampered)).toThrow('数据完整性校验失败');
      }
    });
  });

  it('throws on truncated, spliced or malformed tokens', () => {
    const a = cipher.encrypt('first value').split('.');
    const b = cipher.encrypt('second value').split('.');
    const bad = [
      '',
      'v1',
      a.slice(0, 3).join('.'),
      [...a, 'x'].join('.'),
      ['v2', ...a.slice(1)].join('.'),
      [a[0], a[1], b[2], a[3]].join('.'), // ciphertext from another token
      [a[0], b[1], a[2], a[3]].join('.'), // IV from another token
      [a[0], a[1], a[2], b[3]].join('.'), // MAC from another token
      [a[0], a[1], '', a[3]].join('.'),
      [a[0], a[1], a[2] + '=', a[3]].join('.'),
      [a[0], a[1], a[2].slice(0, -4), a[3]].join('.'),
    ];
    for (const token of bad) expect(() => cipher.decrypt(token), token).toThrow('数据完整性校验失败');
  });

  it('cannot be decrypted with another master key', () => {
    const other = createFieldCipher(deriveKeys(crypto.randomBytes(32)));
    expect(() => other.decrypt(cipher.encrypt(ID))).toThrow('数据完整性校验失败');
  });
});

describe('blindIndex', () => {
  it('is stable, 64 hex characters, and separates values', () => {
    expect(cipher.blindIndex(ID)).toMatch(/^[0-9a-f]{64}$/);
    expect(cipher.blindIndex(ID)).toBe(createFieldCipher(deriveKeys(Buffer.from(MASTER))).blindIndex(ID));
    expect(cipher.blindIndex(ID)).not.toBe(cipher.blindIndex('65010219900101124X'));
  });

  it('depends on the key', () => {
    const other = createFieldCipher(deriveKeys(Buffer.alloc(32, 0x43)));
    expect(other.blindIndex(ID)).not.toBe(cipher.blindIndex(ID));
  });

  it('is not the plain SM3 of the value', () => {
    expect(cipher.blindIndex(ID)).not.toBe(crypto.createHash('sm3').update(ID).digest('hex'));
  });
});
