// Turning server errors into something the user reads: the Chinese message, and per-field
// messages placed on the matching form items.
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return '操作失败，请稍后重试';
}

/** Puts the server's field errors (by path, e.g. 'idNumber' or 'a.b') onto the form's items. */
export function applyFieldErrors(form: FormInstance, error: unknown): void {
  if (!(error instanceof ApiError) || error.fields.length === 0) return;
  form.setFields(error.fields.map((field) => ({ name: field.path.split('.'), errors: [field.message] })));
}
