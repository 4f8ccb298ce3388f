/**
 * A tiny fetch wrapper for the same-origin `/api`. Every failure becomes an {@link ApiError}
 * built from the server's error envelope `{ code, message, field? }`.
 */

/** The error envelope the server sends with every 4xx/5xx. */
interface ErrorEnvelope {
  code: string;
  message: string;
  field?: string;
  requestId?: string;
  details?: unknown;
}

/** One field's complaint in a validation failure's `details`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** A failed API call, carrying the server's stable code and its Chinese message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly requestId?: string;
  /** Every field at fault, when the server names several (validation failures). */
  readonly details: FieldProblem[];

  constructor(status: number, code: string, message: string, field?: string, requestId?: string, details: FieldProblem[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.requestId = requestId;
    this.details = details;
  }
}

/** True when `error` is an {@link ApiError}. */
export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** A message to show a person for any thrown value. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  if (error instanceof Error && error.name === 'AbortError') return '请求已取消';
  return '网络异常,请检查网络连接后重试';
}

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/**
 * Registers what happens when a call comes back 401 (the session ended): the app sends the
 * person to the login page. Returns the unsubscribe function.
 */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** Options of one call. */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** Query parameters; undefined and empty values are left out. */
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
  /**
   * Whether a 401 sends the person to the login page. Off for the login call itself (a wrong
   * password is a 401 too) and for the session probe.
   */
  redirectOn401?: boolean;
  /** A body sent as it is (a file), instead of `body` as JSON. */
  raw?: { body: BodyInit; contentType: string };
  /** Extra request headers (Idempotency-Key, X-Filename). */
  headers?: Record<string, string>;
}

function detailsOf(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (d): d is FieldProblem => typeof d === 'object' && d !== null && typeof d.field === 'string' && typeof d.message === 'string',
  );
}

function isEnvelope(value: unknown): value is ErrorEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.code === 'string' && typeof record.message === 'string';
}

function buildUrl(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The ApiError of a failed response, from its envelope when it has one. */
async function errorOf(response: Response): Promise<ApiError> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await response.text());
  } catch {
    parsed = undefined;
  }
  return isEnvelope(parsed)
    ? new ApiError(response.status, parsed.code, parsed.message, parsed.field, parsed.requestId, detailsOf(parsed.details))
    : new ApiError(response.status, 'HTTP_ERROR', `服务器返回错误(HTTP ${response.status})`);
}

/**
 * Sends a request (JSON, or a raw file body) and returns the response; a failure throws the
 * ApiError of its envelope. Downloads read the response themselves.
 */
export async function apiFetch(path: string, options: RequestOptions = {}): Promise<Response> {
  const { method = 'GET', body, raw, query, signal, redirectOn401 = true } = options;
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let payload: BodyInit | undefined;
  if (raw) {
    headers['Content-Type'] = raw.contentType;
    payload = raw.body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(buildUrl(path, query), { method, headers, body: payload, credentials: 'same-origin', signal });
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401 && redirectOn401) {
      for (const listener of unauthorizedListeners) listener();
    }
    throw error;
  }
  return response;
}

/** Calls the API and returns the parsed JSON body (undefined for 204). */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await apiFetch(path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined as T;
  }
}

/** GET shorthand. */
export function apiGet<T>(path: string, options: Omit<RequestOptions, 'method' | 'body'> = {}): Promise<T> {
  return apiRequest<T>(path, { ...options, method: 'GET' });
}

/** POST shorthand. */
export function apiPost<T>(path: string, body?: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}): Promise<T> {
  return apiRequest<T>(path, { ...options, method: 'POST', body });
}
