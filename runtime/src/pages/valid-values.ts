/** antd forms of the admin pages: their values once every rule holds, and the server's problems on their fields. */
import type { FormInstance } from 'antd';
import { ApiError, errorMessage } from '../api/client';

/**
 * The form's values when every rule holds; undefined when one does not — antd then shows why on
 * the fields, so its rejection is not an error to report (unhandled, it would be a page error).
 */
export async function validValues<T>(form: FormInstance<T>): Promise<T | undefined> {
  try {
    return await form.validateFields();
  } catch {
    return undefined;
  }
}

/**
 * Shows a failed save's problems on the form's `fields`; a conflict naming one field (`taken`:
 * USERNAME_TAKEN → username) goes on that field. Returns what names no field (for the form's
 * alert), or null when everything was shown on a field.
 */
export function showProblems<T>(form: FormInstance<T>, e: unknown, fields: readonly string[], taken?: { code: string; field: string }): string | null {
  if (!(e instanceof ApiError)) return errorMessage(e);
  const issues = e.fieldIssues().filter((i) => fields.includes(i.path));
  if (issues.length > 0) {
    form.setFields(issues.map((i) => ({ name: i.path as never, errors: [i.message] })));
    return null;
  }
  if (taken !== undefined && e.code === taken.code && fields.includes(taken.field)) {
    form.setFields([{ name: taken.field as never, errors: [e.message] }]);
    return null;
  }
  return e.message;
}
