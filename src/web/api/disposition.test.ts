import { describe, expect, it } from 'vitest';
import { filenameFromDisposition } from './disposition';

describe('filenameFromDisposition', () => {
  it('prefers the UTF-8 name', () => {
    const header = `attachment; filename="batch-3.xlsx"; filename*=UTF-8''${encodeURIComponent('报送批次3花名册.xlsx')}`;
    expect(filenameFromDisposition(header, 'x.xlsx')).toBe('报送批次3花名册.xlsx');
  });

  it('takes the plain name, quoted or not', () => {
    expect(filenameFromDisposition('attachment; filename="review-form.pdf"', 'x.pdf')).toBe('review-form.pdf');
    expect(filenameFromDisposition('attachment; filename=list.xlsx', 'x.xlsx')).toBe('list.xlsx');
  });

  it('falls back when the header is missing, empty or malformed', () => {
    expect(filenameFromDisposition(null, '评审表.pdf')).toBe('评审表.pdf');
    expect(filenameFromDisposition('attachment', '评审表.pdf')).toBe('评审表.pdf');
    expect(filenameFromDisposition("attachment; filename*=UTF-8''%E4%ZZ", '评审表.pdf')).toBe('评审表.pdf');
  });
});
