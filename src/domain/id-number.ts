// Chinese resident identity card number (GB 11643-1999): 6-digit region code, 8-digit birth date,
// 3-digit sequence (odd = male, even = female) and an ISO 7064 MOD 11-2 check character.
// Pure; shared with the web.

import { toHalfWidth } from './identifiers.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** First two digits: provinces, autonomous regions, municipalities, Taiwan, Hong Kong, Macao. */
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
  53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

/** China Standard Time has no daylight saving, so a fixed offset is exact. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Trims, converts full-width digits/letters, removes inner spaces and upper-cases a final x. */
export function normaliseIdNumber(raw: string): string {
  return toHalfWidth(raw).replace(/\s+/g, '').toUpperCase();
}

function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Appends the check character to 17 digits. For factories and fixtures (synthetic numbers). */
export function makeIdNumber(prefix17: string): string {
  if (!/^\d{17}$/.test(prefix17)) throw new Error(`makeIdNumber needs exactly 17 digits, got "${prefix17}"`);
  return prefix17 + checkChar(prefix17);
}

/** Today's date in China as YYYYMMDD, whatever the time zone of the machine running this. */
function chinaDateKey(today: Date): string {
  return new Date(today.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
}

export function validateIdNumber(
  raw: string,
  today: Date = new Date(),
): { ok: true; value: string; birthDate: string; sex: 'M' | 'F' } | { ok: false; message: string } {
  const value = normaliseIdNumber(raw);
  if (value === '') return { ok: false, message: '请输入身份证号码' };
  if (value.length !== 18) return { ok: false, message: '身份证号码应为 18 位' };
  if (!/^\d{17}[\dX]$/.test(value)) {
    return { ok: false, message: '身份证号码前 17 位应为数字，最后一位为数字或 X' };
  }
  if (!PROVINCE_CODES.has(Number(value.slice(0, 2)))) {
    return { ok: false, message: '身份证号码中的地区代码无效' };
  }

  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  // Date.UTC rolls 2023-02-29 over to 03-01; a round trip that changes the date means no such day.
  const date = new Date(Date.UTC(year, month - 1, day));
  const isCalendarDate =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  const dateKey = value.slice(6, 14);
  if (!isCalendarDate || year < 1900 || dateKey > chinaDateKey(today)) {
    return { ok: false, message: '身份证号码中的出生日期无效' };
  }

  if (checkChar(value.slice(0, 17)) !== value[17]) {
    return { ok: false, message: '身份证号码校验位不正确，请核对最后一位' };
  }

  return {
    ok: true,
    value,
    birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
    sex: Number(value[16]) % 2 === 1 ? 'M' : 'F',
  };
}

/** Keeps the first 6 and last 4 characters: '650102********123X'. Short input is masked entirely. */
export function maskIdNumber(v: string): string {
  if (v.length <= 10) return '*'.repeat(v.length);
  return v.slice(0, 6) + '*'.repeat(v.length - 10) + v.slice(-4);
}
