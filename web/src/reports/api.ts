/**
 * Calls of the reports pages.
 */
import { apiFetch } from '../api/client';

/** A scorecard format the server writes. */
export type ScorecardFormat = 'docx' | 'md' | 'html';

/** The scorecard as HTML (for the preview) and how many red items it lists. */
export async function fetchScorecardHtml(region: string, period: string, signal?: AbortSignal): Promise<{ html: string; redItems: number }> {
  const response = await apiFetch('/api/reports/scorecard', { query: { region, period, format: 'html' }, signal });
  return { html: await response.text(), redItems: Number(response.headers.get('x-red-items') ?? 0) };
}

/** The file name from a Content-Disposition header (its UTF-8 form when present). */
function filenameOf(header: string | null, fallback: string): string {
  const encoded = header?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return header?.match(/filename="([^"]+)"/i)?.[1] ?? fallback;
}

/** Downloads the scorecard in a format, the way a browser saves a file. */
export async function downloadScorecard(region: string, period: string, format: ScorecardFormat): Promise<string> {
  const response = await apiFetch('/api/reports/scorecard', { query: { region, period, format } });
  const blob = await response.blob();
  const name = filenameOf(response.headers.get('content-disposition'), `成绩单.${format}`);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return name;
}
