import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './common-passwords.js';
import { checkPasswordPolicy } from './password-policy.js';

const ID = '65010219900101123X';
const PHONE = '13912345678';

function messagesOf(password: string, context = {}): string[] {
  const r = checkPasswordPolicy(password, context);
  return r.ok ? [] : r.messages;
}

describe('checkPasswordPolicy', () => {
  it('accepts a strong password', () => {
    expect(checkPasswordPolicy('Tq7#vLm2pX', { idNumber: ID, phone: PHONE, username: 'zhangsan' })).toEqual({ ok: true });
  });

  it('needs at least 8 characters', () => {
    expect(messagesOf('Tq7#vLm')).toEqual(['密码至少 8 位']);
    expect(messagesOf('Tq7#vLm2')).toEqual([]);
  });

  it('accepts up to 128 characters and refuses 129', () => {
    const base = 'Tq7#vLm2';
    expect(messagesOf(base + 'x'.repeat(120))).toEqual([]);
    expect(messagesOf(base + 'x'.repeat(121))).toEqual(['密码不能超过 128 位']);
  });

  it('counts characters as the user sees them', () => {
    // Seven characters, one outside the BMP (two UTF-16 units): still too short.
    expect(messagesOf('Tq7#vL😀')).toEqual(['密码至少 8 位']);
  });

  it('needs three of the four character classes', () => {
    const msg = '密码需包含大写字母、小写字母、数字、符号中的至少三类';
    expect(messagesOf('tqzvlmpxkd')).toEqual([msg]);
    expect(messagesOf('tqzvlmpx27')).toEqual([msg]);
    expect(messagesOf('TQZVLMPX#!')).toEqual([msg]);
    expect(messagesOf('tqzvlmpX27')).toEqual([]);
    expect(messagesOf('tqzvlmp#27')).toEqual([]);
    expect(messagesOf('TQZVLMP#27')).toEqual([]);
    // A space or a Chinese character counts as a symbol.
    expect(messagesOf('tq zvlm 27')).toEqual([]);
    expect(messagesOf('职评tqzvlm27')).toEqual([]);
  });

  it('refuses common passwords whatever their case', () => {
    for (const pw of ['Aa123456', 'P@ssw0rd', 'Passw0rd!', 'Woaini1314', 'WOAINI@1314', 'Qq123456', 'Admin@123', '1qaz@WSX']) {
      expect(messagesOf(pw), pw).toEqual(['密码过于常见，请换一个']);
    }
  });

  it('refuses every password on the list', () => {
    const accepted = COMMON_PASSWORDS.filter((pw) => checkPasswordPolicy(pw, {}).ok);
    expect(accepted).toEqual([]);
  });

  it('refuses 6 or more consecutive characters of the ID number', () => {
    const msg = '密码不能包含身份证号或手机号中的连续数字';
    expect(messagesOf('Qz#19900101', { idNumber: ID })).toEqual([msg]); // birth date
    expect(messagesOf('Qz#650102', { idNumber: ID })).toEqual([msg]); // region
    expect(messagesOf('Qz#01123x', { idNumber: ID })).toEqual([msg]); // tail, lower-case x
    expect(messagesOf('Qz#０１１２３Ｘ', { idNumber: ID })).toEqual([msg]); // full-width
    expect(messagesOf('Qz#x0112Tv', { idNumber: ID })).toEqual([]); // only 5 in a row
  });

  it('refuses 6 or more consecutive digits of the phone number', () => {
    const msg = '密码不能包含身份证号或手机号中的连续数字';
    expect(messagesOf('Qz#345678', { phone: '+86 139-1234-5678' })).toEqual([msg]);
    expect(messagesOf('Qz#139123', { phone: PHONE })).toEqual([msg]);
    expect(messagesOf('Qz#45678v', { phone: PHONE })).toEqual([]);
  });

  it('refuses the username in any case', () => {
    expect(messagesOf('Qz#ZhangSan9', { username: 'zhangsan' })).toEqual(['密码不能包含用户名']);
    expect(messagesOf('Qz#ＺｈａｎｇＳａｎ9', { username: 'ZhangSan' })).toEqual(['密码不能包含用户名']);
    expect(messagesOf('Qz#Zhang-San9', { username: 'zhangsan' })).toEqual([]);
  });

  it('ignores absent context fields', () => {
    expect(messagesOf('Qz#19900101', {})).toEqual([]);
    expect(messagesOf('Qz#19900101', { idNumber: '', phone: '', username: '' })).toEqual([]);
  });

  it('reports every failed rule at once', () => {
    expect(messagesOf('zhangsan', { username: 'zhangsan' })).toEqual([
      '密码需包含大写字母、小写字母、数字、符号中的至少三类',
      '密码不能包含用户名',
    ]);
  });
});

describe('COMMON_PASSWORDS', () => {
  it('holds at least 500 distinct entries including the Chinese favourites', () => {
    const lower = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));
    expect(lower.size).toBeGreaterThanOrEqual(500);
    for (const pw of ['woaini1314', 'qq123456', 'aa123456', 'p@ssw0rd', 'passw0rd!', '5201314', '1qaz2wsx']) {
      expect(lower.has(pw), pw).toBe(true);
    }
  });
});
