/**
 * The cases endpoints (docs/cases-api.md), through the shared client.
 */
import { ApiError, apiGet, apiPost, apiRequest } from '../api/client';
import type {
  ActionParams,
  Attachment,
  BulkResult,
  CaseAction,
  CaseId,
  CaseDetail,
  CaseIntake,
  CasePage,
  CaseQuery,
  Catalogue,
  Category,
  Limit,
  MetricsGroupBy,
  MetricsResponse,
  Nature,
} from './types';

const BASE = '/api/cases';

/** The catalogue of categories and the 12345 natures. */
export function fetchCatalogue(signal?: AbortSignal): Promise<Catalogue> {
  return apiGet<Catalogue>('/api/case-categories', { signal });
}

/**
 * The body of a class: the contract says "Category", but kind, major, minor and parent all
 * follow from the code, and the server's strict schema refuses them, so they stay out.
 */
function categoryBody(category: Category) {
  const { code, name, registerCondition, closeCondition, departmentCode, townDepartments, limits, active } = category;
  return { code, name, registerCondition, closeCondition, departmentCode, townDepartments, limits, active };
}

/** Creates a class (admin). */
export async function createCategory(category: Category): Promise<Category> {
  return (await apiPost<{ category: Category }>('/api/case-categories', categoryBody(category))).category;
}

/** Saves a class (admin); 409 CONFLICT when `version` is stale. */
export async function saveCategory(category: Category): Promise<Category> {
  const path = `/api/case-categories/${encodeURIComponent(category.code)}`;
  const body = { ...categoryBody(category), version: category.version };
  return (await apiRequest<{ category: Category }>(path, { method: 'PUT', body })).category;
}

/** Sets the whole-case limit of a 12345 nature (admin). */
export async function saveNatureLimit(code: string, limit: Limit, version: number | undefined): Promise<Nature> {
  const path = `/api/case-natures/${encodeURIComponent(code)}`;
  return (await apiRequest<{ nature: Nature }>(path, { method: 'PUT', body: { limit, version } })).nature;
}

/** The content types an attachment may have. */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
/** The largest attachment the server keeps. */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

/** Uploads one file as the raw body. */
export async function uploadAttachment(file: File): Promise<Attachment> {
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) {
    throw new ApiError(400, 'UNSUPPORTED_FILE', '仅支持 JPG、PNG、WebP 图片或 PDF 文件');
  }
  if (file.size > ATTACHMENT_MAX_BYTES) throw new ApiError(400, 'FILE_TOO_LARGE', '文件不能超过 5 MB');
  const body = await apiRequest<{ attachment: Attachment }>('/api/case-attachments', {
    method: 'POST',
    headers: { 'X-Filename': encodeURIComponent(file.name) },
    raw: { body: file, contentType: file.type },
  });
  return body.attachment;
}

/** Where an attachment's bytes are (the session cookie authorises the image request). */
export function attachmentUrl(id: string): string {
  return `/api/case-attachments/${encodeURIComponent(id)}`;
}

/** Creates a case; the same `idempotencyKey` and body again return the same case. */
export async function createCase(intake: CaseIntake, idempotencyKey: string): Promise<CaseDetail> {
  const body = await apiRequest<{ case: CaseDetail }>(BASE, { method: 'POST', headers: { 'Idempotency-Key': idempotencyKey }, body: intake });
  return body.case;
}

/** A page of cases. */
export function fetchCases(query: CaseQuery, signal?: AbortSignal): Promise<CasePage> {
  const { status, ...rest } = query;
  return apiGet<CasePage>(BASE, { query: { ...rest, status: status?.join(',') }, signal });
}

/** One case with its clocks, history and the actions open to the caller. */
export async function fetchCase(id: CaseId, signal?: AbortSignal): Promise<CaseDetail> {
  return (await apiGet<{ case: CaseDetail }>(`${BASE}/${encodeURIComponent(String(id))}`, { signal })).case;
}

/** Takes one workflow action on a case; 409 CONFLICT when `version` is stale. */
export async function actOnCase(id: CaseId, action: CaseAction, version: number, params: ActionParams): Promise<CaseDetail> {
  const path = `${BASE}/${encodeURIComponent(String(id))}/actions`;
  return (await apiPost<{ case: CaseDetail }>(path, { ...params, action, version })).case;
}

/** Takes one action on many cases, each on its own. */
export async function actOnCases(
  action: CaseAction,
  cases: { id: CaseId; version: number }[],
  params: ActionParams,
): Promise<BulkResult[]> {
  return (await apiPost<{ results: BulkResult[] }>(`${BASE}/bulk-actions`, { ...params, action, cases })).results;
}

/** The metrics of a region and a range of months, cut by `groupBy`. */
export function fetchMetrics(
  query: { region?: string; from?: string; to?: string; groupBy: MetricsGroupBy },
  signal?: AbortSignal,
): Promise<MetricsResponse> {
  return apiGet<MetricsResponse>(`${BASE}/metrics`, { query, signal });
}
