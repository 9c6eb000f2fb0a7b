import { describe, expect, it } from 'vitest';
import { certificateCodeFromLocation, certificateVerifyPathFor, formatCertificateCode, parseCertificateCode, verifyPathFor } from './verify';

describe('评审表 verification page', () => {
  it('turns what was typed into the printed form of the code', () => {
    expect(verifyPathFor('7kq2m9xf')).toBe('/verify/7KQ2-M9XF');
    expect(verifyPathFor(' 7KQ2-M9XF ')).toBe('/verify/7KQ2-M9XF');
  });

  it('refuses what cannot be a code (wrong length, 0/O/1/I)', () => {
    expect(verifyPathFor('')).toBeNull();
    expect(verifyPathFor('7KQ2-M9X')).toBeNull();
    expect(verifyPathFor('7KQ2-M9X0')).toBeNull();
    expect(verifyPathFor('OKQ2-M9XF')).toBeNull();
  });
});

describe('certificate verification', () => {
  it('reads a typed or scanned code whatever its case and grouping', () => {
    expect(parseCertificateCode('abcd-2345-wxyz')).toBe('ABCD2345WXYZ');
    expect(parseCertificateCode(' ABCD 2345 WXYZ ')).toBe('ABCD2345WXYZ');
    expect(parseCertificateCode('ABCD2345WXYZ')).toBe('ABCD2345WXYZ');
    expect(parseCertificateCode('ABCD－2345－WXYZ')).toBe('ABCD2345WXYZ');
  });

  it('refuses what cannot be a code', () => {
    expect(parseCertificateCode('')).toBeNull();
    expect(parseCertificateCode(null)).toBeNull();
    expect(parseCertificateCode('ABCD-2345-WXY')).toBeNull();
    expect(parseCertificateCode('ABCD-2345-WXYZ-1')).toBeNull();
    expect(parseCertificateCode('ABCD-2345-WXY!')).toBeNull();
    expect(parseCertificateCode('ABCD-2345-WXY0')).toBeNull();
    expect(parseCertificateCode('IBCD-2345-WXYZ')).toBeNull();
  });

  it('prints the code in groups of four and builds the QR address', () => {
    expect(formatCertificateCode('ABCD2345WXYZ')).toBe('ABCD-2345-WXYZ');
    expect(certificateVerifyPathFor('abcd-2345-wxyz')).toBe('/verify?certificate=ABCD2345WXYZ');
    expect(certificateVerifyPathFor('nope')).toBeNull();
  });

  it('finds the code in ?certificate= or in /verify/certificate?code=', () => {
    expect(certificateCodeFromLocation(undefined, new URLSearchParams('certificate=ABCD2345WXYZ'))).toBe('ABCD2345WXYZ');
    expect(certificateCodeFromLocation('certificate', new URLSearchParams('code=ABCD2345WXYZ'))).toBe('ABCD2345WXYZ');
    expect(certificateCodeFromLocation('7KQ2-M9XF', new URLSearchParams(''))).toBeNull();
    expect(certificateCodeFromLocation(undefined, new URLSearchParams(''))).toBeNull();
  });
});
