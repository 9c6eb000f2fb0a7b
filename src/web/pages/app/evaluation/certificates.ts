// Certificates at the office, pure: the strong confirmation of a revocation (the number typed).

/** Whether what was typed is the certificate's number (case, spaces around and full-width hyphens aside). */
export function revokeConfirmed(number: string, typed: string | undefined): boolean {
  const norm = (s: string) => s.trim().toUpperCase().replace(/[－—–]/g, '-');
  return typed !== undefined && norm(typed) !== '' && norm(typed) === norm(number);
}
