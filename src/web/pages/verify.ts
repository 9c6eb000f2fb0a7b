// The public 评审表 verification page, pure part: the address of a typed code.
import { formatVerificationCode, parseVerificationCode } from '../../domain/review-form';

/** The address for a typed code ('7kq2m9xf' → '/verify/7KQ2-M9XF'), or null when it cannot be a code. */
export function verifyPathFor(typed: string): string | null {
  const code = parseVerificationCode(typed);
  return code ? `/verify/${formatVerificationCode(code)}` : null;
}
