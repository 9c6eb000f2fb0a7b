// Password policy (security.md, "Identity and sessions"). Pure; the web runs it as the user types
// and the server runs it again on every password set or change.

import { COMMON_PASSWORDS } from './common-passwords.js';
import { normaliseIdNumber } from './id-number.js';
import { normalisePhone, normaliseUsername, toHalfWidth } from './identifiers.js';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** How long a run of the ID number or phone number may not appear in the password. */
const PERSONAL_RUN_LENGTH = 6;

const COMMON_SET: ReadonlySet<string> = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));

export interface PasswordContext {
  idNumber?: string;
  phone?: string;
  username?: string;
}

/** Every substring of `s` of length `n`; any longer run contains one of these. */
function runsOf(s: string, n: number): string[] {
  const runs: string[] = [];
  for (let i = 0; i + n <= s.length; i++) runs.push(s.slice(i, i + n));
  return runs;
}

export function checkPasswordPolicy(
  password: string,
  context: PasswordContext,
): { ok: true } | { ok: false; messages: string[] } {
  const messages: string[] = [];
  // Length in code points, so a character outside the BMP counts once, as the user sees it.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) messages.push(`密码至少 ${PASSWORD_MIN_LENGTH} 位`);
  if (length > PASSWORD_MAX_LENGTH) messages.push(`密码不能超过 ${PASSWORD_MAX_LENGTH} 位`);

  // Anything that is not an ASCII letter or digit counts as a symbol (punctuation, space, 汉字).
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) messages.push('密码需包含大写字母、小写字母、数字、符号中的至少三类');

  if (COMMON_SET.has(password.toLowerCase())) messages.push('密码过于常见，请换一个');

  // Compare on a folded copy so full-width digits or a lower-case x do not slip past the check.
  const folded = toHalfWidth(password).toUpperCase();
  const personalRuns = [
    ...(context.idNumber ? runsOf(normaliseIdNumber(context.idNumber), PERSONAL_RUN_LENGTH) : []),
    ...(context.phone ? runsOf(normalisePhone(context.phone), PERSONAL_RUN_LENGTH) : []),
  ];
  if (personalRuns.some((run) => folded.includes(run))) {
    messages.push('密码不能包含身份证号或手机号中的连续数字');
  }

  // Fold the password the way usernames are folded (NFKC, lower case) so case or width cannot hide it.
  const username = context.username ? normaliseUsername(context.username) : '';
  if (username !== '' && normaliseUsername(password).includes(username)) {
    messages.push('密码不能包含用户名');
  }

  return messages.length === 0 ? { ok: true } : { ok: false, messages };
}
