/**
 * Calls of the reports pages.
 */
import { apiFetch } from '../api/client';
import type { MentionKind } from '../../../src/shared/report-vocabulary';

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

/** A figure read from a report (see src/domains/reports/report-extract.ts). */
export interface MentionView {
  span: [number, number];
  text: string;
  value: number;
  valueMax: number | null;
  unit: string;
  normalized: { value: number; unit: string };
  subject: string;
  kind: MentionKind;
  direction: 'up' | 'down' | null;
  qualifier: string | null;
  period: string | null;
  sentence: string;
}

/** The field of an indicator record a proposal fills. */
export type ProposalField = 'actual_cumulative' | 'actual_yoy' | 'target_level' | 'target_growth';

/** What the server proposes for one figure. */
export interface ProposalView {
  mention: number;
  indicatorCode: string | null;
  field: ProposalField | null;
  year: number;
  month: number | null;
  value: number | null;
  confidence: number;
  reason: string;
}

/** An indicator the import can fill. */
export interface ImportableIndicator {
  code: string;
  name: string;
  baseUnit: string;
  displayUnit: string;
  kind: 'level' | 'growth' | 'ratio';
}

/** The proposals of a report. */
export interface ReportProposals {
  region: { code: string; name: string };
  year: number;
  month: number;
  text: string;
  mentions: MentionView[];
  proposals: ProposalView[];
  indicators: ImportableIndicator[];
}

/** One accepted record as sent to the server. */
export interface AcceptedRecord {
  span: [number, number];
  indicatorCode: string;
  field: ProposalField;
  year: number;
  month: number | null;
  value: number;
}

/** How a stored record fared. */
export interface ImportedRecordView extends AcceptedRecord {
  seq: number;
  indicatorName: string;
  fieldLabel: string;
  outcome: 'stored' | 'unchanged' | 'rejected';
  message: string | null;
}

/** A stored report. */
export interface ReportDocumentView {
  id: number;
  regionCode: string;
  title: string;
  fileName: string | null;
  year: number;
  month: number;
  mentions: number;
  stored: number;
  importedBy: string;
  importedAt: string;
}

/** Reads an uploaded file (.txt or .docx) to text on the server. */
export async function readReportFile(file: File): Promise<string> {
  const response = await apiFetch('/api/reports/read', {
    method: 'POST',
    query: { name: file.name },
    raw: { body: file, contentType: file.name.toLowerCase().endsWith('.docx') ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/octet-stream' },
  });
  return ((await response.json()) as { text: string }).text;
}

/** Asks for the figures of a text and the records proposed for them. */
export async function proposeImport(body: { text: string; regionCode: string; year: number; month: number }): Promise<ReportProposals> {
  const response = await apiFetch('/api/reports/proposals', { method: 'POST', body });
  return (await response.json()) as ReportProposals;
}

/** Stores a report and the accepted records. */
export async function importReport(body: {
  regionCode: string;
  title: string;
  fileName: string | null;
  year: number;
  month: number;
  text: string;
  mentions: number;
  records: AcceptedRecord[];
}): Promise<{ document: ReportDocumentView; records: ImportedRecordView[] }> {
  const response = await apiFetch('/api/reports/imports', { method: 'POST', body });
  return (await response.json()) as { document: ReportDocumentView; records: ImportedRecordView[] };
}

/** Reports imported in scope. */
export async function fetchReportDocuments(signal?: AbortSignal): Promise<ReportDocumentView[]> {
  const response = await apiFetch('/api/reports/imports', { signal });
  return ((await response.json()) as { items: ReportDocumentView[] }).items;
}
