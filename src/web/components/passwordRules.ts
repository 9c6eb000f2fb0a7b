// Form rules for setting a password, running the shared password policy as the user types.
import type { FormInstance } from 'antd';
import { checkPasswordPolicy, type PasswordContext } from '../../domain/password-policy';

export function passwordPolicyRule(context: () => PasswordContext) {
  return {
    validator(_: unknown, value: string | undefined) {
      if (!value) return Promise.resolve();
      const result = checkPasswordPolicy(value, context());
      return result.ok ? Promise.resolve() : Promise.reject(new Error(result.messages.join('；')));
    },
  };
}

export function confirmPasswordRule(form: FormInstance, passwordField: string) {
  return {
    validator(_: unknown, value: string | undefined) {
      if (!value || value === form.getFieldValue(passwordField)) return Promise.resolve();
      return Promise.reject(new Error('两次输入的密码不一致'));
    },
  };
}
