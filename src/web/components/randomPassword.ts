// A random initial password for a new staff account that passes the shared password policy.
import { checkPasswordPolicy, type PasswordContext } from '../../domain/password-policy';

const GROUPS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '!@#$%&*?'];
const LENGTH = 12;

function pick(chars: string): string {
  const index = crypto.getRandomValues(new Uint32Array(1))[0] % chars.length;
  return chars[index];
}

export function randomPassword(context: PasswordContext): string {
  const all = GROUPS.join('');
  for (;;) {
    const chars = GROUPS.map(pick);
    while (chars.length < LENGTH) chars.push(pick(all));
    // Fisher–Yates shuffle so the group characters are not always first.
    for (let i = chars.length - 1; i > 0; i--) {
      const j = crypto.getRandomValues(new Uint32Array(1))[0] % (i + 1);
      [chars[i], chars[j]] = [chars[j], chars[i]];
    }
    const password = chars.join('');
    if (checkPasswordPolicy(password, context).ok) return password;
  }
}
