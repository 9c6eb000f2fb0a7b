import { describe, expect, it } from 'vitest';
import { makeIdNumber, maskIdNumber, normaliseIdNumber, validateIdNumber } from './id-number.js';

const TODAY = new Date('2024-06-15T04:00:00Z');

function messageOf(raw: string, today = TODAY): string | null {
  const r = validateIdNumber(raw, today);
  return r.ok ? null : r.message;
}

describe('normaliseIdNumber', () => {
  it('trims, converts full-width, removes inner spaces and upper-cases x', () => {
    expect(normaliseIdNumber(' ６５０１０２ 1990０１０１\u3000123ｘ ')).toBe('65010219900101123X');
    expect(normaliseIdNumber('11010519491231002x')).toBe('11010519491231002X');
  });
});

describe('makeIdNumber', () => {
  it('appends the MOD 11-2 check character', () => {
    // The worked example printed in GB 11643-1999.
    expect(makeIdNumber('11010519491231002')).toBe('11010519491231002X');
    expect(makeIdNumber('44052418800101001')).toBe('440524188001010014');
  });

  it('refuses anything but 17 digits', () => {
    expect(() => makeIdNumber('1101051949123100')).toThrow();
    expect(() => makeIdNumber('110105194912310021')).toThrow();
    expect(() => makeIdNumber('1101051949123100A')).toThrow();
  });
});

describe('validateIdNumber', () => {
  it('accepts a valid number and reads birth date and sex', () => {
    expect(validateIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'F',
    });
    const male = makeIdNumber('65010219900101123');
    expect(validateIdNumber(male, TODAY)).toMatchObject({ ok: true, birthDate: '1990-01-01', sex: 'M' });
  });

  it('accepts the normalised form of messy input', () => {
    const r = validateIdNumber(' 11010519491231002x ', TODAY);
    expect(r.ok && r.value).toBe('11010519491231002X');
  });

  it('requires 18 characters', () => {
    expect(messageOf('')).toBe('请输入身份证号码');
    expect(messageOf('11010519491231002')).toBe('身份证号码应为 18 位');
    expect(messageOf('11010519491231002X1')).toBe('身份证号码应为 18 位');
    // The old 15-digit cards are no longer valid.
    expect(messageOf('110105491231002')).toBe('身份证号码应为 18 位');
  });

  it('requires 17 digits and a digit or X at the end', () => {
    expect(messageOf('1101051949A231002X')).toBe('身份证号码前 17 位应为数字，最后一位为数字或 X');
    expect(messageOf('11010519491231002Y')).toBe('身份证号码前 17 位应为数字，最后一位为数字或 X');
  });

  it('checks the province code', () => {
    for (const code of ['00', '10', '16', '20', '24', '38', '47', '55', '66', '70', '80', '84', '99']) {
      expect(messageOf(makeIdNumber(`${code}010219900101123`)), code).toBe('身份证号码中的地区代码无效');
    }
    for (const code of ['11', '15', '21', '23', '31', '37', '41', '46', '50', '54', '61', '65', '71', '81', '82', '83']) {
      expect(messageOf(makeIdNumber(`${code}010219900101123`)), code).toBeNull();
    }
  });

  it('requires a real calendar date between 1900 and today', () => {
    const withDate = (yyyymmdd: string) => makeIdNumber(`650102${yyyymmdd}123`);
    const bad = '身份证号码中的出生日期无效';
    expect(messageOf(withDate('19900230'))).toBe(bad);
    expect(messageOf(withDate('19901301'))).toBe(bad);
    expect(messageOf(withDate('19900100'))).toBe(bad);
    expect(messageOf(withDate('19000229'))).toBe(bad); // 1900 was not a leap year
    expect(messageOf(withDate('20000229'))).toBeNull(); // 2000 was
    expect(messageOf(withDate('18991231'))).toBe(bad);
    expect(messageOf(withDate('19000101'))).toBeNull();
    expect(messageOf(withDate('20240615'))).toBeNull();
    expect(messageOf(withDate('20240616'))).toBe(bad);
  });

  it('takes "today" in China time, whatever the server time zone', () => {
    const id = makeIdNumber('65010220240311123');
    // 16:30 UTC on 10 March is already 00:30 on 11 March in Beijing.
    expect(messageOf(id, new Date('2024-03-10T16:30:00Z'))).toBeNull();
    expect(messageOf(id, new Date('2024-03-10T15:30:00Z'))).toBe('身份证号码中的出生日期无效');
  });

  it('rejects every wrong check character', () => {
    const valid = makeIdNumber('65010219900101123');
    for (const c of '0123456789X') {
      if (c === valid[17]) continue;
      expect(messageOf(valid.slice(0, 17) + c)).toBe('身份证号码校验位不正确，请核对最后一位');
    }
  });

  it('catches a single-digit typo or a swap of neighbours', () => {
    const valid = makeIdNumber('65010219900101123');
    const typo = valid.slice(0, 14) + ((Number(valid[14]) + 1) % 10) + valid.slice(15);
    const swapped = valid.slice(0, 14) + valid[15] + valid[14] + valid.slice(16);
    expect(messageOf(typo)).toBe('身份证号码校验位不正确，请核对最后一位');
    expect(valid[14]).not.toBe(valid[15]);
    expect(messageOf(swapped)).toBe('身份证号码校验位不正确，请核对最后一位');
  });

  it('reads sex from the 17th digit', () => {
    for (let d = 0; d <= 9; d++) {
      const r = validateIdNumber(makeIdNumber(`6501021990010112${d}`), TODAY);
      expect(r.ok && r.sex).toBe(d % 2 === 1 ? 'M' : 'F');
    }
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4', () => {
    expect(maskIdNumber('65010219900101123X')).toBe('650102********123X');
  });

  it('never reveals a short value', () => {
    expect(maskIdNumber('1234567890')).toBe('**********');
    expect(maskIdNumber('')).toBe('');
  });
});
