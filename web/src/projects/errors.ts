/**
 * Server errors of the projects forms shown where they belong: under the form field the
 * envelope's `field` names (`body.name`, `milestones.2.plannedDate`, `tags.0`), else above the
 * form. A stale version (409 CONFLICT) is never a field's fault: it goes above the form with
 * the server's message (数据已被他人修改,请刷新后重试) so the person reloads.
 */
import type { FormInstance } from 'antd';
import { errorMessage, isApiError } from '../api/client';
import { fieldMessage } from '../indicators/errors';

/** A form field's name path, as antd's `setFields` takes it. */
export type FieldName = string | (string | number)[];

/** Maps an API field path (without `body.`) to the form field that shows it; null when none. */
export type FieldResolver = (path: string) => FieldName | null;

/** True when a save lost a race with another person (the version it sent is stale). */
export function isConflict(error: unknown): boolean {
  return isApiError(error) && error.code === 'CONFLICT';
}

function resolve(path: string | undefined, resolver: FieldResolver): FieldName | null {
  if (!path) return null;
  const bare = path.replace(/^(body|params|querystring)\./, '');
  if (bare === 'version') return null;
  return resolver(bare);
}

/** The message of one validation problem, without the `body.x:` its text may lead with. */
function stripped(message: string): string {
  return message.replace(/^body\.[\w.]+\s*[:：]\s*/, '') || message;
}

/**
 * Puts a failed save's message(s) under the field(s) the server named and returns null, or
 * returns the message to show above the form when a problem names no field of the form.
 */
export function placeServerError<T>(form: FormInstance<T>, error: unknown, resolver: FieldResolver): string | null {
  if (isConflict(error)) return errorMessage(error);
  if (isApiError(error) && error.details.length > 0) {
    const placed = error.details.flatMap((d) => {
      const name = resolve(d.field, resolver);
      return name === null ? [] : [{ name: name as never, errors: [stripped(d.message)] }];
    });
    if (placed.length === error.details.length) {
      form.setFields(placed);
      form.scrollToField(placed[0]?.name as never);
      return null;
    }
  }
  const name = resolve(isApiError(error) ? error.field : undefined, resolver);
  if (name === null) return errorMessage(error);
  form.setFields([{ name: name as never, errors: [fieldMessage(error)] }]);
  form.scrollToField(name as never);
  return null;
}
