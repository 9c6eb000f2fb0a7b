// Second factor for staff, experts and administrators: TOTP (RFC 6238) with HMAC-SHA1, 6 digits and
// 30-second steps. SHA1 (not SM3) because that is what every authenticator app implements; HMAC-
// SHA1 remains sound for this use.

import crypto from 'node:crypto';
import { toHalfWidth } from '../../domain/identifiers.js';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const STEP_SECONDS = 30;
const DEFAULT_DIGITS = 6;
const SECRET_BYTES = 20;

/** RFC 4648 base32 without padding (authenticator apps expect it unpadded). */
export function base32Encode(bytes: Buffer): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    // Keep only the bits not yet emitted so the accumulator never overflows 32 bits.
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** Accepts lower case, spaces and '=' padding, as people type secrets from a screen. */
export function base32Decode(s: string): Buffer {
  const clean = s.replace(/[\s=]/g, '').toUpperCase();
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of clean) {
    const value = BASE32_ALPHABET.indexOf(ch);
    if (value === -1) throw new Error(`invalid base32 character "${ch}"`);
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}

export function generateTotpSecret(): string {
  return base32Encode(crypto.randomBytes(SECRET_BYTES));
}

function codeForStep(key: Buffer, step: number, digits: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = crypto.createHmac('sha1', key).update(counter).digest();
  // Dynamic truncation, RFC 4226 section 5.3.
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

function stepAt(atMs: number): number {
  return Math.floor(atMs / 1000 / STEP_SECONDS);
}

/** The code shown by an authenticator at time `atMs`. `digits` exists for the RFC's 8-digit vectors. */
export function totpCode(secretBase32: string, atMs: number, digits: number = DEFAULT_DIGITS): string {
  return codeForStep(base32Decode(secretBase32), stepAt(atMs), digits);
}

/**
 * Accepts the code of the current step or up to `window` steps either side (clock drift).
 * Returns the matched step so the caller can store it and refuse the same step again (replay).
 */
export function verifyTotp(
  secretBase32: string,
  code: string,
  atMs: number,
  window = 1,
): { ok: boolean; step?: number } {
  // People type codes with a space in the middle, or in full-width digits from a Chinese IME.
  const typed = toHalfWidth(code).replace(/\s+/g, '');
  if (!/^\d{6}$/.test(typed)) return { ok: false };
  let key: Buffer;
  try {
    key = base32Decode(secretBase32);
  } catch {
    return { ok: false };
  }
  if (key.length === 0) return { ok: false };
  const current = stepAt(atMs);
  // Steps before the Unix epoch do not exist (and cannot be encoded as an unsigned counter).
  for (let step = Math.max(0, current - window); step <= current + window; step++) {
    const expected = codeForStep(key, step, DEFAULT_DIGITS);
    if (crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(typed))) return { ok: true, step };
  }
  return { ok: false };
}

/** The otpauth:// URL that authenticator apps read from a QR code (Key Uri Format). */
export function otpauthUrl({ secret, account, issuer = '职评' }: { secret: string; account: string; issuer?: string }): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const params = new URLSearchParams({
    secret,
    issuer,
    algorithm: 'SHA1',
    digits: String(DEFAULT_DIGITS),
    period: String(STEP_SECONDS),
  });
  return `otpauth://totp/${label}?${params.toString()}`;
}
