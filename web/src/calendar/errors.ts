import { errorMessage, isApiError } from '../api/client';

/**
 * The message to show under a form field, without the leading `body.workingHours.1.end:` the
 * envelope's message may carry (the field itself already says where).
 */
export function fieldMessage(error: unknown): string {
  const message = errorMessage(error);
  const path = isApiError(error) ? error.field : undefined;
  if (!path) return message;
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const stripped = message
    .replace(new RegExp(`^((body|query|querystring|params)\\.)?${escaped}\\s*[:：]\\s*`), '')
    .replace(/^(body|query|querystring|params)\.[\w.]+\s*[:：]\s*/, '');
  return stripped || message;
}
