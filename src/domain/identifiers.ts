// Login identifiers: mainland mobile numbers and usernames, plus the classifier that decides
// which kind a user typed into the single log-in box. Pure; shared with the web.
// Identifiers are stored and compared only in normalised form, so "１３９ 1234-5678" and
// "13912345678" are one account.

/**
 * Maps full-width ASCII (U+FF01–U+FF5E) and the ideographic space (U+3000) to their half-width
 * forms. Chinese input methods often produce full-width digits and letters.
 */
export function toHalfWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/** Trims, converts full-width, drops spaces and dashes, and removes a leading +86 / 0086 / 86. */
export function normalisePhone(raw: string): string {
  const compact = toHalfWidth(raw).trim().replace(/[\s\-\u2010-\u2015]/g, '');
  // The country code is only stripped when a full 11-digit number follows, so a short string
  // that happens to start with 86 is left alone (and then fails validation as it should).
  return compact.replace(/^(?:\+|00)?86(?=\d{11}$)/, '');
}

export function validatePhone(raw: string): { ok: true; value: string } | { ok: false; message: string } {
  const value = normalisePhone(raw);
  if (value === '') return { ok: false, message: '请输入手机号码' };
  if (!/^1[3-9]\d{9}$/.test(value)) return { ok: false, message: '手机号码应为 11 位中国大陆手机号' };
  return { ok: true, value };
}

/** '13912345678' → '139****5678'. Anything too short to keep both ends is masked entirely. */
export function maskPhone(v: string): string {
  if (v.length <= 7) return '*'.repeat(v.length);
  return v.slice(0, 3) + '*'.repeat(v.length - 7) + v.slice(-4);
}

/** Trims, applies NFKC (folds full-width and compatibility forms) and lower-cases. */
export function normaliseUsername(raw: string): string {
  return raw.trim().normalize('NFKC').toLowerCase();
}

export function validateUsername(raw: string): { ok: true; value: string } | { ok: false; message: string } {
  const value = normaliseUsername(raw);
  if (value === '') return { ok: false, message: '请输入用户名' };
  if (value.length < 4 || value.length > 32) return { ok: false, message: '用户名应为 4 至 32 个字符' };
  if (!/^[a-z0-9_.-]+$/.test(value)) {
    return { ok: false, message: '用户名只能包含小写字母、数字、下划线、点和连字符' };
  }
  // Starting with a letter keeps a username from ever looking like a phone or ID number.
  if (!/^[a-z]/.test(value)) return { ok: false, message: '用户名必须以字母开头' };
  return { ok: true, value };
}

export type LoginIdentifierKind = 'idNumber' | 'phone' | 'username';

/**
 * Decides what the user typed into the log-in box and returns it normalised for lookup.
 * 17 digits + digit/X → ID number; 11 digits (after phone normalisation) → phone; otherwise a
 * username. Validity is not checked here: an invalid value simply finds no account.
 */
export function classifyLoginIdentifier(raw: string): { kind: LoginIdentifierKind; value: string } {
  // Same normalisation as normaliseIdNumber in id-number.ts (which imports this module, so it
  // cannot be imported back here without a cycle).
  const compact = toHalfWidth(raw).replace(/\s+/g, '').toUpperCase();
  if (/^\d{17}[\dX]$/.test(compact)) return { kind: 'idNumber', value: compact };
  const phone = normalisePhone(raw);
  if (/^\d{11}$/.test(phone)) return { kind: 'phone', value: phone };
  return { kind: 'username', value: normaliseUsername(raw) };
}
