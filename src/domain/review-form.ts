// The 评审表's verification code (B21-6): printed in every page's watermark and checked by anyone
// on the public verification page. Pure, shared by the server and the web's verification form.

/**
 * 32 characters with none a reader confuses on paper (no 0/O, 1/I): each random byte maps to one
 * of them without bias (256 is a multiple of 32), so 8 characters carry 40 random bits.
 */
export const VERIFICATION_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const VERIFICATION_CODE_LENGTH = 8;

/** The stored code from random bytes (one byte per character). */
export function verificationCodeFrom(bytes: Uint8Array): string {
  if (bytes.length < VERIFICATION_CODE_LENGTH) throw new Error(`need ${VERIFICATION_CODE_LENGTH} random bytes`);
  let code = '';
  for (let i = 0; i < VERIFICATION_CODE_LENGTH; i++) code += VERIFICATION_ALPHABET[bytes[i] & 31];
  return code;
}

/** '7KQ2M9XF' → '7KQ2-M9XF', the printed form: two groups are easier to read out and type. */
export function formatVerificationCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

const TYPED_CODE = /^[2-9A-HJ-NP-Z]{4}-?[2-9A-HJ-NP-Z]{4}$/;

/** What someone typed ('7kq2-m9xf', '7KQ2M9XF', with spaces around) as the stored code, or null. */
export function parseVerificationCode(typed: string): string | null {
  const upper = typed.trim().toUpperCase();
  return TYPED_CODE.test(upper) ? upper.replace('-', '') : null;
}

/** The public page that verifies a printed form, as printed in its footer. */
export function verificationPath(code: string): string {
  return `/verify/${formatVerificationCode(code)}`;
}
