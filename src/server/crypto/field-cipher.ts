// Encryption at rest for personal data (ID numbers, phone numbers): SM4-CBC with a random IV,
// then HMAC-SM3 over the version, IV and ciphertext (encrypt-then-MAC, because Node's OpenSSL has
// no SM4-GCM). Lookups and uniqueness use a keyed blind index instead of the plaintext.

import crypto from 'node:crypto';
import { hkdfSm3, hmacSm3, sm4CbcDecrypt, sm4CbcEncrypt } from './sm.js';

const VERSION = 'v1';
const IV_BYTES = 16;
const MAC_BYTES = 32;
const BLOCK_BYTES = 16;
const INTEGRITY_ERROR = '数据完整性校验失败';

export interface FieldKeys {
  encKey: Buffer;
  macKey: Buffer;
  indexKey: Buffer;
}

export interface DerivedKeys extends FieldKeys {
  sessionKey: Buffer;
  csrfKey: Buffer;
}

export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(token: string): string;
  blindIndex(normalisedValue: string): string;
}

/**
 * Derives every application key from one 32-byte master key. Distinct HKDF info strings make the
 * keys independent, so a leak of one (say the session key) reveals nothing about the others.
 */
export function deriveKeys(master: Buffer): DerivedKeys {
  if (master.length !== 32) throw new Error('master key must be 32 bytes');
  return {
    encKey: hkdfSm3(master, 'zhiping/v1/field-encryption', 16),
    macKey: hkdfSm3(master, 'zhiping/v1/field-mac', 32),
    indexKey: hkdfSm3(master, 'zhiping/v1/blind-index', 32),
    sessionKey: hkdfSm3(master, 'zhiping/v1/session', 32),
    csrfKey: hkdfSm3(master, 'zhiping/v1/csrf', 32),
  };
}

/**
 * Strict base64url: refuses characters Node would silently skip and non-canonical trailing bits,
 * so every change to a token's text changes the bytes and is caught by the MAC.
 */
function decodeBase64Url(s: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return null;
  const bytes = Buffer.from(s, 'base64url');
  return bytes.toString('base64url') === s ? bytes : null;
}

export function createFieldCipher(keys: FieldKeys): FieldCipher {
  if (keys.encKey.length !== 16) throw new Error('encKey must be 16 bytes');
  if (keys.macKey.length !== 32) throw new Error('macKey must be 32 bytes');
  if (keys.indexKey.length !== 32) throw new Error('indexKey must be 32 bytes');
  const { encKey, macKey, indexKey } = keys;

  const macOf = (iv: Buffer, ciphertext: Buffer): Buffer =>
    hmacSm3(macKey, Buffer.concat([Buffer.from(VERSION), iv, ciphertext]));

  return {
    encrypt(plain: string): string {
      const iv = crypto.randomBytes(IV_BYTES);
      const ciphertext = sm4CbcEncrypt(encKey, iv, Buffer.from(plain, 'utf8'));
      const mac = macOf(iv, ciphertext);
      return [VERSION, iv.toString('base64url'), ciphertext.toString('base64url'), mac.toString('base64url')].join('.');
    },

    decrypt(token: string): string {
      // Any malformed or altered token is the same failure: the stored data is not what we wrote.
      const parts = token.split('.');
      if (parts.length !== 4 || parts[0] !== VERSION) throw new Error(INTEGRITY_ERROR);
      const iv = decodeBase64Url(parts[1]);
      const ciphertext = decodeBase64Url(parts[2]);
      const mac = decodeBase64Url(parts[3]);
      if (
        !iv || iv.length !== IV_BYTES ||
        !ciphertext || ciphertext.length === 0 || ciphertext.length % BLOCK_BYTES !== 0 ||
        !mac || mac.length !== MAC_BYTES
      ) {
        throw new Error(INTEGRITY_ERROR);
      }
      // The MAC is checked before decrypting, so no padding error can ever leak (padding oracle).
      if (!crypto.timingSafeEqual(mac, macOf(iv, ciphertext))) throw new Error(INTEGRITY_ERROR);
      return sm4CbcDecrypt(encKey, iv, ciphertext).toString('utf8');
    },

    blindIndex(normalisedValue: string): string {
      return hmacSm3(indexKey, normalisedValue).toString('hex');
    },
  };
}
