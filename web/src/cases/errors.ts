/**
 * Server errors shown where they belong: at the form field the envelope names, else above the
 * form; a stale version (409 CONFLICT) as a conflict with a reload button.
 */
import type { FormInstance } from 'antd';
import { errorMessage, isApiError } from '../api/client';
import { fieldMessage } from '../indicators/errors';

/** True when a save lost a race with another person (the version it sent is stale). */
export function isConflict(error: unknown): boolean {
  return isApiError(error) && error.code === 'CONFLICT';
}

/** The form field an envelope's `field` ('body.reporterPhone', 'lon') points at, if the form has it. */
function fieldOf(path: string | undefined, fields: readonly string[], aliases: Readonly<Record<string, string>>): string | null {
  if (!path) return null;
  for (const part of path.split(/[.[\]]/).reverse()) {
    const name = aliases[part] ?? part;
    if (fields.includes(name)) return name;
  }
  return null;
}

/**
 * Puts a failed save's message under the field the server named and returns null; returns the
 * message to show above the form when no field of the form matches. `aliases` maps the API's
 * names to the form's where they differ (lon → point).
 */
export function showFieldError<T>(
  form: FormInstance<T>,
  error: unknown,
  fields: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): string | null {
  // A validation failure may name several fields; each one's message goes under it.
  if (isApiError(error) && error.details.length > 0) {
    const placed = error.details.flatMap((d) => {
      const name = fieldOf(d.field, fields, aliases);
      return name ? [{ name: name as never, errors: [d.message] }] : [];
    });
    if (placed.length === error.details.length) {
      form.setFields(placed);
      form.scrollToField(placed[0]?.name as never);
      return null;
    }
  }
  const field = fieldOf(isApiError(error) ? error.field : undefined, fields, aliases);
  if (!field) return errorMessage(error);
  form.setFields([{ name: field as never, errors: [fieldMessage(error)] }]);
  form.scrollToField(field as never);
  return null;
}
