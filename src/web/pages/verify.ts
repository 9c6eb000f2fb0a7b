// The public 评审表 verification page, pure part: the address of a typed code.
import { formatVerificationCode, parseVerificationCode, VERIFICATION_ALPHABET } from '../../domain/review-form';

/** The address for a typed code ('7kq2m9xf' → '/verify/7KQ2-M9XF'), or null when it cannot be a code. */
export function verifyPathFor(typed: string): string | null {
  const code = parseVerificationCode(typed);
  return code ? `/verify/${formatVerificationCode(code)}` : null;
}

// --- 电子职称证书 (electronic title certificate) ------------------------------------------------

/** A certificate's verification code: 12 characters of the 评审表 codes' alphabet (no 0/O, 1/I), printed in groups of four (ABCD-2345-WXYZ). */
export const CERTIFICATE_CODE_LENGTH = 12;
const CERTIFICATE_CODE = new RegExp(`^[${VERIFICATION_ALPHABET}]{${CERTIFICATE_CODE_LENGTH}}$`);

/** What someone typed or scanned ('abcd 2345-wxyz') as the code sent to the server ('ABCD2345WXYZ'), or null. */
export function parseCertificateCode(typed: string | null | undefined): string | null {
  const code = (typed ?? '').trim().toUpperCase().replace(/[\s\-－—–]/g, '');
  return CERTIFICATE_CODE.test(code) ? code : null;
}

/** 'ABCD2345WXYZ' → 'ABCD-2345-WXYZ', as printed on the certificate. */
export function formatCertificateCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** The verification page of a certificate code (the address its QR code carries): '/verify?certificate=ABCD2345WXYZ'. */
export function certificateVerifyPathFor(typed: string): string | null {
  const code = parseCertificateCode(typed);
  return code ? `/verify?certificate=${code}` : null;
}

/**
 * The certificate code an address asks for: `?certificate=` (the QR code), or `?code=` on
 * /verify/certificate (the form the signed verify URL may take). Null when it asks for none.
 */
export function certificateCodeFromLocation(routeCode: string | undefined, search: URLSearchParams): string | null {
  const fromQuery = search.get('certificate');
  if (fromQuery !== null) return fromQuery;
  if (routeCode?.toLowerCase() === 'certificate') return search.get('code') ?? '';
  return null;
}
