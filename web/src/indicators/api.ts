/**
 * The 目标指标 endpoints. JSON calls go through the shared client; the import (a raw file
 * body) and the export (a file download) use fetch directly but raise the same ApiError.
 */
import { ApiError, apiFetch, apiGet, apiPost, apiRequest } from '../api/client';
import type {
  ActualInput,
  ActualKey,
  ActualResult,
  ActualRevision,
  ActualView,
  BoardResponse,
  BoardThresholds,
  ImportResult,
  IndicatorView,
  RankingResponse,
  SeriesResponse,
  StatusResponse,
  TargetInput,
  TargetsResponse,
  TargetView,
} from './types';

const BASE = '/api/indicators';

/** The catalogue. */
export async function fetchIndicators(signal?: AbortSignal): Promise<IndicatorView[]> {
  return (await apiGet<{ indicators: IndicatorView[] }>(BASE, { signal })).indicators;
}

/** Every indicator of a region for a period; without `period` the server picks the latest. */
export function fetchStatus(region: string, period: string | null, signal?: AbortSignal): Promise<StatusResponse> {
  return apiGet<StatusResponse>(`${BASE}/status`, { query: { region, period }, signal });
}

/** One indicator's months in one region and year. */
export function fetchSeries(code: string, region: string, year: number, signal?: AbortSignal): Promise<SeriesResponse> {
  return apiGet<SeriesResponse>(`${BASE}/${encodeURIComponent(code)}/series`, { query: { region, year }, signal });
}

/** The towns ranked for one indicator and period. */
export function fetchRanking(code: string, period: string, signal?: AbortSignal): Promise<RankingResponse> {
  return apiGet<RankingResponse>(`${BASE}/${encodeURIComponent(code)}/ranking`, { query: { period }, signal });
}

/** The red, yellow and black lists of a period. */
export function fetchBoard(period: string, signal?: AbortSignal): Promise<BoardResponse> {
  return apiGet<BoardResponse>(`${BASE}/board`, { query: { period }, signal });
}

/** The targets of a year, the district's and its towns'. */
export function fetchTargets(year: number, signal?: AbortSignal): Promise<TargetsResponse> {
  return apiGet<TargetsResponse>(`${BASE}/targets`, { query: { year }, signal });
}

/** Sets one target; 409 CONFLICT when `version` is stale. */
export async function saveTarget(input: TargetInput): Promise<TargetView> {
  return (await apiRequest<{ target: TargetView }>(`${BASE}/targets`, { method: 'PUT', body: input })).target;
}

/** Reports one month's figures. */
export function reportActual(input: ActualInput): Promise<ActualResult> {
  return apiPost<ActualResult>(`${BASE}/actuals`, input);
}

/** Confirms a flagged figure (a cumulative below the previous month's). */
export async function confirmActual(key: ActualKey): Promise<ActualView> {
  return (await apiPost<{ actual: ActualView }>(`${BASE}/actuals/confirm`, key)).actual;
}

/** Every revision of one month's figure. */
export async function fetchActualHistory(key: ActualKey, signal?: AbortSignal): Promise<ActualRevision[]> {
  const body = await apiGet<{ revisions: ActualRevision[] }>(`${BASE}/actuals/history`, {
    query: { indicator: key.indicatorCode, region: key.regionCode, year: key.year, month: key.month },
    signal,
  });
  return body.revisions;
}

/** The content types the import accepts, by file extension. */
export const IMPORT_TYPES: Readonly<Record<string, string>> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
};

/** The content type of an import file, or null when its extension is not accepted. */
export function importContentType(fileName: string): string | null {
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  return IMPORT_TYPES[extension] ?? null;
}

/** Uploads an .xlsx or .csv file as the raw request body; `year` fills a missing 年份 column. */
export async function importActuals(file: File, year: number): Promise<ImportResult> {
  const contentType = importContentType(file.name);
  if (!contentType) throw new ApiError(400, 'UNSUPPORTED_FILE', '仅支持 .xlsx 或 .csv 文件');
  const body = await file.arrayBuffer();
  // `year` is used for rows of a sheet without a 年份 column.
  return apiRequest<ImportResult>(`${BASE}/import`, { method: 'POST', query: { year }, raw: { body, contentType } });
}

/** The file name a download response names, or `fallback`. */
function downloadName(response: Response, fallback: string): string {
  const header = response.headers.get('Content-Disposition') ?? '';
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded.trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header)?.[1];
  return plain?.trim() || fallback;
}

/** Downloads the year's figures as .xlsx (also the import template). */
export async function downloadExport(year: number): Promise<string> {
  const response = await apiFetch(`${BASE}/export`, { query: { year } });
  const blob = await response.blob();
  const name = downloadName(response, `指标数据-${year}.xlsx`);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** Sets the district's rating thresholds (admin). */
export async function saveThresholds(thresholds: BoardThresholds): Promise<BoardThresholds> {
  return (await apiRequest<{ thresholds: BoardThresholds }>(`${BASE}/thresholds`, { method: 'PUT', body: thresholds })).thresholds;
}
