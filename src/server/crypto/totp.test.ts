import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, generateTotpSecret, otpauthUrl, totpCode, verifyTotp } from './totp.js';

// RFC 6238 appendix B: the SHA1 seed is the ASCII string '12345678901234567890'.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890', 'ascii'));

describe('base32', () => {
  it('matches the RFC 4648 vectors (unpadded)', () => {
    const vectors: Array<[string, string]> = [
      ['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(Buffer.from(plain))).toBe(encoded);
      expect(base32Decode(encoded).toString()).toBe(plain);
    }
    expect(RFC_SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('decodes lower case, spaces and padding', () => {
    expect(base32Decode('mzxw 6ytb oi======').toString()).toBe('foobar');
  });

  it('refuses characters outside the alphabet', () => {
    expect(() => base32Decode('MZXW1')).toThrow();
    expect(() => base32Decode('MZXW8')).toThrow();
  });

  it('round-trips random bytes', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff));
      expect(base32Decode(base32Encode(bytes)).equals(bytes)).toBe(true);
    }
  });
});

describe('totpCode', () => {
  it('matches the RFC 6238 SHA1 vectors (8 digits)', () => {
    const vectors: Array<[number, string]> = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors) expect(totpCode(RFC_SECRET, seconds * 1000, 8)).toBe(code);
  });

  it('gives the last 6 digits by default', () => {
    expect(totpCode(RFC_SECRET, 59_000)).toBe('287082');
  });

  it('changes at each 30-second boundary', () => {
    expect(totpCode(RFC_SECRET, 0)).toBe(totpCode(RFC_SECRET, 29_999));
    expect(totpCode(RFC_SECRET, 29_999)).not.toBe(totpCode(RFC_SECRET, 30_000));
  });
});

describe('generateTotpSecret', () => {
  it('is 20 random bytes in base32', () => {
    const a = generateTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(a)).toHaveLength(20);
    expect(generateTotpSecret()).not.toBe(a);
  });
});

describe('verifyTotp', () => {
  const now = 1_700_000_015_000; // 15 s into a step
  const step = Math.floor(now / 30_000);
  const secret = generateTotpSecret();

  it('accepts the current code and returns its step', () => {
    expect(verifyTotp(secret, totpCode(secret, now), now)).toEqual({ ok: true, step });
  });

  it('accepts one step of drift either way by default, not two', () => {
    expect(verifyTotp(secret, totpCode(secret, now - 30_000), now)).toEqual({ ok: true, step: step - 1 });
    expect(verifyTotp(secret, totpCode(secret, now + 30_000), now)).toEqual({ ok: true, step: step + 1 });
    expect(verifyTotp(secret, totpCode(secret, now - 60_000), now).ok).toBe(false);
    expect(verifyTotp(secret, totpCode(secret, now + 60_000), now).ok).toBe(false);
  });

  it('honours the window argument', () => {
    expect(verifyTotp(secret, totpCode(secret, now - 30_000), now, 0).ok).toBe(false);
    expect(verifyTotp(secret, totpCode(secret, now - 60_000), now, 2)).toEqual({ ok: true, step: step - 2 });
  });

  it('refuses a wrong code or another secret', () => {
    const code = totpCode(secret, now);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(verifyTotp(secret, wrong, now)).toEqual({ ok: false });
    expect(verifyTotp(generateTotpSecret(), code, now).ok).toBe(false);
  });

  it('tolerates spaces and full-width digits as typed', () => {
    const code = totpCode(secret, now);
    const fullWidth = [...code].map((d) => String.fromCodePoint(d.codePointAt(0)! + 0xfee0)).join('');
    expect(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now).ok).toBe(true);
    expect(verifyTotp(secret, fullWidth, now).ok).toBe(true);
  });

  it('refuses malformed codes and secrets without throwing', () => {
    const code = totpCode(secret, now);
    for (const bad of ['', code.slice(1), `${code}0`, 'abcdef', '12345a', `-${code.slice(1)}`]) {
      expect(verifyTotp(secret, bad, now), bad).toEqual({ ok: false });
    }
    expect(verifyTotp('not base32!', code, now)).toEqual({ ok: false });
    expect(verifyTotp('', code, now)).toEqual({ ok: false });
  });

  it('works at the very start of time', () => {
    expect(verifyTotp(secret, totpCode(secret, 0), 0)).toEqual({ ok: true, step: 0 });
  });
});

describe('otpauthUrl', () => {
  it('builds a Key Uri that names 职评 as issuer', () => {
    const url = new URL(otpauthUrl({ secret: 'JBSWY3DPEHPK3PXP', account: 'zhang.san' }));
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe('/职评:zhang.san');
    expect(url.searchParams.get('secret')).toBe('JBSWY3DPEHPK3PXP');
    expect(url.searchParams.get('issuer')).toBe('职评');
    expect(url.searchParams.get('digits')).toBe('6');
    expect(url.searchParams.get('period')).toBe('30');
    expect(url.searchParams.get('algorithm')).toBe('SHA1');
  });

  it('escapes an account containing separators', () => {
    const url = otpauthUrl({ secret: 'JBSWY3DPEHPK3PXP', account: 'a:b/c?d', issuer: 'X' });
    expect(url.startsWith('otpauth://totp/X:a%3Ab%2Fc%3Fd?')).toBe(true);
  });
});
