import { describe, expect, it } from 'vitest';
import { normaliseIdNumber } from './id-number.js';
import {
  classifyLoginIdentifier,
  maskPhone,
  normalisePhone,
  normaliseUsername,
  toHalfWidth,
  validatePhone,
  validateUsername,
} from './identifiers.js';

describe('toHalfWidth', () => {
  it('converts full-width ASCII and the ideographic space', () => {
    expect(toHalfWidth('１２３ＡＢＣａｂｃ！～\u3000－')).toBe('123ABCabc!~ -');
  });

  it('leaves Chinese characters and half-width text alone', () => {
    expect(toHalfWidth('张三、李四 abc 123。')).toBe('张三、李四 abc 123。');
  });
});

describe('normalisePhone / validatePhone', () => {
  it('strips spaces, dashes and the country code', () => {
    for (const raw of ['13912345678', ' 139 1234 5678 ', '139-1234-5678', '+86 139 1234 5678', '86-13912345678', '008613912345678', '１３９１２３４５６７８', '＋８６ １３９１２３４５６７８']) {
      expect(normalisePhone(raw), raw).toBe('13912345678');
    }
  });

  it('keeps a leading 86 that is not a country code', () => {
    expect(normalisePhone('86123')).toBe('86123');
  });

  it('accepts mainland mobiles 13x–19x only', () => {
    expect(validatePhone('13912345678')).toEqual({ ok: true, value: '13912345678' });
    expect(validatePhone('19912345678').ok).toBe(true);
    for (const raw of ['12912345678', '10912345678', '1391234567', '139123456789', '1391234567a', '09912345678']) {
      expect(validatePhone(raw), raw).toEqual({ ok: false, message: '手机号码应为 11 位中国大陆手机号' });
    }
    expect(validatePhone('  ')).toEqual({ ok: false, message: '请输入手机号码' });
  });
});

describe('maskPhone', () => {
  it('keeps the first 3 and last 4', () => {
    expect(maskPhone('13912345678')).toBe('139****5678');
  });

  it('never reveals a short value', () => {
    expect(maskPhone('1234567')).toBe('*******');
  });
});

describe('usernames', () => {
  it('normalises width and case', () => {
    expect(normaliseUsername('  ＺｈａｎｇＳａｎ ')).toBe('zhangsan');
  });

  it('accepts 4 to 32 characters of a-z 0-9 _ . - starting with a letter', () => {
    expect(validateUsername('Zhang.San_01-x')).toEqual({ ok: true, value: 'zhang.san_01-x' });
    expect(validateUsername('abcd').ok).toBe(true);
    expect(validateUsername('a'.repeat(32)).ok).toBe(true);
    expect(validateUsername('abc')).toEqual({ ok: false, message: '用户名应为 4 至 32 个字符' });
    expect(validateUsername('a'.repeat(33))).toEqual({ ok: false, message: '用户名应为 4 至 32 个字符' });
    expect(validateUsername('')).toEqual({ ok: false, message: '请输入用户名' });
  });

  it('refuses other characters', () => {
    for (const raw of ['zhang san', '张三abcd', 'abc@def', "abcd'--", 'abcd<script>']) {
      expect(validateUsername(raw), raw).toEqual({ ok: false, message: '用户名只能包含小写字母、数字、下划线、点和连字符' });
    }
  });

  it('must start with a letter, so it never looks like a phone or ID number', () => {
    for (const raw of ['13912345678', '11010519491231002X', '_abcd', '.abcd', '1abc']) {
      expect(validateUsername(raw), raw).toEqual({ ok: false, message: '用户名必须以字母开头' });
    }
  });
});

describe('classifyLoginIdentifier', () => {
  it('recognises ID numbers, normalised like normaliseIdNumber', () => {
    for (const raw of ['11010519491231002X', '11010519491231002x', ' １１０１０５１９４９１２３１００２ｘ ', '110105 19491231 002X']) {
      expect(classifyLoginIdentifier(raw), raw).toEqual({ kind: 'idNumber', value: normaliseIdNumber(raw) });
    }
  });

  it('recognises phone numbers', () => {
    for (const raw of ['13912345678', '+86 139-1234-5678', '１３９１２３４５６７８']) {
      expect(classifyLoginIdentifier(raw), raw).toEqual({ kind: 'phone', value: '13912345678' });
    }
  });

  it('treats everything else as a username', () => {
    expect(classifyLoginIdentifier(' ZhangSan ')).toEqual({ kind: 'username', value: 'zhangsan' });
    // Wrong lengths are not guessed into another kind; they just find no account.
    expect(classifyLoginIdentifier('1391234567')).toEqual({ kind: 'username', value: '1391234567' });
    expect(classifyLoginIdentifier('1101051949123100')).toEqual({ kind: 'username', value: '1101051949123100' });
  });
});
