// Turns a shared domain validator ({ ok } | { ok: false, message }) into an antd form rule.

export function domainRule(validate: (raw: string) => { ok: true } | { ok: false; message: string }, optional = false) {
  return {
    validator(_: unknown, value: string | undefined) {
      if (optional && !value?.trim()) return Promise.resolve();
      const result = validate(value ?? '');
      return result.ok ? Promise.resolve() : Promise.reject(new Error(result.message));
    },
  };
}
