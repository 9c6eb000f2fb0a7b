// The public results publicity, pure: the way to log in and come back, the objection request, and
// the colour of a result as the server words it.

export const MAX_OBJECTION_LENGTH = 2000;

/** '/login?next=…' returning to `here`. */
export function loginPathFor(here: string): string {
  return `/login?next=${encodeURIComponent(here)}`;
}

export function toObjection(content: string | undefined): { request: { content: string } } | { problem: string } {
  const text = (content ?? '').trim();
  if (text === '') return { problem: '请填写异议内容' };
  if (Array.from(text).length > MAX_OBJECTION_LENGTH) return { problem: `异议内容不超过 ${MAX_OBJECTION_LENGTH} 个字` };
  return { request: { content: text } };
}

/** The public rows carry the result as text ('通过', '未通过', or a code): green for a pass. */
export function resultColor(result: string): string {
  if (result === 'passed' || result === '通过' || result === '评审通过') return 'success';
  if (/未通过|不通过|failed/.test(result)) return 'default';
  return 'blue';
}
