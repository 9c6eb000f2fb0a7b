import { describe, expect, it } from 'vitest';
import { hashPassword, hashPasswordWithIterations, PASSWORD_HASH_ITERATIONS, verifyPassword } from './password-hash.js';

const PW = 'Tq7#vLm2pX';

describe('hashPassword', () => {
  it('uses PBKDF2-SM3 at the production count and verifies', async () => {
    expect(PASSWORD_HASH_ITERATIONS).toBeGreaterThanOrEqual(100_000);
    const encoded = await hashPassword(PW);
    expect(encoded).toMatch(/^pbkdf2-sm3\$120000\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(await verifyPassword(PW, encoded)).toBe(true);
    expect(await verifyPassword('Tq7#vLm2pY', encoded)).toBe(false);
  });

  it('gives two users with the same password different hashes', async () => {
    const [a, b] = await Promise.all([hashPasswordWithIterations(PW, 1000), hashPasswordWithIterations(PW, 1000)]);
    expect(a).not.toBe(b);
    expect(a.split('$')[2]).not.toBe(b.split('$')[2]);
  });
});

describe('verifyPassword', () => {
  it('accepts any stored iteration count, so the count can be raised later', async () => {
    expect(await verifyPassword(PW, await hashPasswordWithIterations(PW, 1000))).toBe(true);
    expect(await verifyPassword(PW, await hashPasswordWithIterations(PW, 1))).toBe(true);
  });

  it('is false for a wrong password, including case and whitespace changes', async () => {
    const encoded = await hashPasswordWithIterations(PW, 1000);
    for (const wrong of ['', 'tq7#vLm2pX', `${PW} `, PW.slice(0, -1)]) {
      expect(await verifyPassword(wrong, encoded), wrong).toBe(false);
    }
  });

  it('handles Unicode passwords', async () => {
    const encoded = await hashPasswordWithIterations('职评Aa1!密码', 1000);
    expect(await verifyPassword('职评Aa1!密码', encoded)).toBe(true);
    expect(await verifyPassword('职评Aa1!密玛', encoded)).toBe(false);
  });

  it('is false, not an exception, for malformed or tampered hashes', async () => {
    const good = await hashPasswordWithIterations(PW, 1000);
    const [scheme, iterations, salt, hash] = good.split('$');
    const flipped = Buffer.from(hash, 'base64');
    flipped[0] ^= 1;
    const malformed = [
      '',
      'garbage',
      `${scheme}$${iterations}$${salt}`,
      `${good}$extra`,
      `pbkdf2-sha256$${iterations}$${salt}$${hash}`,
      `${scheme}$0$${salt}$${hash}`,
      `${scheme}$01000$${salt}$${hash}`,
      `${scheme}$-1000$${salt}$${hash}`,
      `${scheme}$1e3$${salt}$${hash}`,
      `${scheme}$99999999999$${salt}$${hash}`,
      `${scheme}$2000$${salt}$${hash}`,
      `${scheme}$${iterations}$$${hash}`,
      `${scheme}$${iterations}$${salt}$`,
      `${scheme}$${iterations}$${salt}$${hash.slice(0, 20)}`,
      `${scheme}$${iterations}$${salt}$${flipped.toString('base64')}`,
      `${scheme}$${iterations}$${salt}$${hash}!`,
      `${scheme}$${iterations}$${salt.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}$${hash}`,
    ];
    for (const encoded of malformed) expect(await verifyPassword(PW, encoded), encoded).toBe(false);
  });

  it('is false for non-string input from an untyped caller', async () => {
    const good = await hashPasswordWithIterations(PW, 1000);
    expect(await verifyPassword(undefined as unknown as string, good)).toBe(false);
    expect(await verifyPassword(PW, null as unknown as string)).toBe(false);
  });

  it('refuses to hash with a nonsensical iteration count', async () => {
    await expect(hashPasswordWithIterations(PW, 0)).rejects.toThrow();
    await expect(hashPasswordWithIterations(PW, 1.5)).rejects.toThrow();
  });
});
