// Password hashing: PBKDF2-HMAC-SM3 (security.md allows it at ≥ 100k iterations and it keeps the
// whole stack on national algorithms). The iteration count is stored in each hash so it can be
// raised later without invalidating existing passwords.

import crypto from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2 = promisify(crypto.pbkdf2);

export const PASSWORD_HASH_ITERATIONS = 120_000;
const SCHEME = 'pbkdf2-sm3';
const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** Refuses absurd counts in a stored value, which would otherwise pin a CPU for minutes. */
const MAX_ITERATIONS = 10_000_000;

/** For test factories, which use a low count for speed; production code calls hashPassword. */
export async function hashPasswordWithIterations(pw: string, iterations: number): Promise<string> {
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
    throw new Error(`invalid PBKDF2 iteration count: ${iterations}`);
  }
  const salt = crypto.randomBytes(SALT_BYTES);
  const hash = await pbkdf2(pw, salt, iterations, HASH_BYTES, 'sm3');
  return `${SCHEME}$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function hashPassword(pw: string): Promise<string> {
  return hashPasswordWithIterations(pw, PASSWORD_HASH_ITERATIONS);
}

/** Strict base64: Node skips invalid characters silently, so check the round trip. */
function decodeBase64(s: string): Buffer | null {
  const bytes = Buffer.from(s, 'base64');
  return bytes.length > 0 && bytes.toString('base64') === s ? bytes : null;
}

/** False for a wrong password and for anything that is not a hash this module wrote. */
export async function verifyPassword(pw: string, encoded: string): Promise<boolean> {
  if (typeof pw !== 'string' || typeof encoded !== 'string') return false;
  const parts = encoded.split('$');
  if (parts.length !== 4 || parts[0] !== SCHEME || !/^[1-9]\d*$/.test(parts[1])) return false;
  const iterations = Number(parts[1]);
  if (iterations > MAX_ITERATIONS) return false;
  const salt = decodeBase64(parts[2]);
  const expected = decodeBase64(parts[3]);
  if (!salt || !expected || expected.length !== HASH_BYTES) return false;
  const actual = await pbkdf2(pw, salt, iterations, HASH_BYTES, 'sm3');
  return crypto.timingSafeEqual(actual, expected);
}
