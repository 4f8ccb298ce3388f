/**
 * From a published report to indicator records: read the figures (extraction), propose a
 * record for each (matching), and store the ones a person accepted, keeping the report as
 * their source. Figures go in through the indicators service, with its checks, revisions
 * and audit, exactly as if they had been typed in.
 */
import { createHash } from 'node:crypto';
import type { Db } from '@/db/database.js';
import { recordChanges } from '@/domains/audit/audit-service.js';
import { validateGrowthRate } from '@/domains/indicators/indicator-math.js';
import type { IndicatorView } from '@/domains/indicators/indicators-presenter.js';
import { listIndicators, saveTarget, storeImportedFigures, type ImportedFigure } from '@/domains/indicators/indicators-service.js';
import { resolveRegion } from '@/domains/regions/regions-service.js';
import type { Actor } from '@/shared/actor.js';
import { AppError } from '@/shared/errors.js';
import { extractMentions, type Mention } from './report-extract.js';
import { readReportBuffer } from './report-input.js';
import { PROPOSAL_FIELD_LABELS, proposeRecords, type Proposal, type ProposalField } from './report-matching.js';
import { assertCanImportReport } from './reports-policy.js';
import {
  findReportDocument,
  insertReportDocument,
  insertReportRecords,
  listReportDocumentRows,
  listReportRecords,
} from './reports-repository.js';
import type { ImportReportInput } from './reports-schemas.js';

/** An indicator as the import page offers it. */
export interface ImportableIndicator {
  code: string;
  name: string;
  baseUnit: string;
  displayUnit: string;
  kind: IndicatorView['kind'];
}

/** What the import page shows before anything is stored. */
export interface ReportProposals {
  region: { code: string; name: string };
  year: number;
  month: number;
  text: string;
  mentions: Mention[];
  proposals: Proposal[];
  indicators: ImportableIndicator[];
}

/** Reads an uploaded report (UTF-8 text or .docx) to text; bad files fail with a clear code. */
export async function readUploadedReport(bytes: Uint8Array, fileName: string): Promise<string> {
  return readReportBuffer(bytes, fileName);
}

async function catalogueOf(db: Db, actor: Actor, districtCode: string): Promise<IndicatorView[]> {
  return listIndicators({ db, actor, districtCode });
}

/**
 * Reads the figures of a report and proposes a record for each, for a region and the report's
 * year and month (the period its figures run to when a sentence does not say). Stores nothing.
 */
export async function proposeReportImport(options: {
  db: Db;
  actor: Actor;
  text: string;
  regionCode: string;
  year: number;
  month: number;
}): Promise<ReportProposals> {
  const { db, actor } = options;
  assertCanImportReport(actor);
  const region = await resolveRegion({ db, actor, code: options.regionCode, field: 'regionCode' });
  if (region.level !== 'district' && region.level !== 'town') {
    throw new AppError('VALIDATION_FAILED', 'reports are imported for a district or a town', {
      field: 'regionCode',
      userMessage: '报告只能导入到区县或镇街',
    });
  }
  const catalogue = await catalogueOf(db, actor, region.districtCode);
  const mentions = extractMentions(options.text);
  const proposals = proposeRecords(
    mentions,
    catalogue.map((i) => ({ code: i.code, name: i.name, baseUnit: i.baseUnit, kind: i.kind, frequency: i.frequency })),
    { year: options.year, month: options.month },
  );
  return {
    region: { code: region.code, name: region.name },
    year: options.year,
    month: options.month,
    text: options.text,
    mentions,
    proposals,
    indicators: catalogue.map((i) => ({ code: i.code, name: i.name, baseUnit: i.baseUnit, displayUnit: i.displayUnit, kind: i.kind })),
  };
}

/** How one accepted record fared. */
export interface ImportedRecordView {
  seq: number;
  span: [number, number];
  indicatorCode: string;
  indicatorName: string;
  field: ProposalField;
  fieldLabel: string;
  year: number;
  month: number | null;
  value: number;
  outcome: 'stored' | 'unchanged' | 'rejected';
  message: string | null;
}

/** A stored report and what was taken from it. */
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

function problem(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { field, userMessage: message });
}

/** Checks every accepted record before anything is stored: all are fine, or nothing goes in. */
function checkRecords(input: ImportReportInput, catalogue: Map<string, IndicatorView>): void {
  input.records.forEach((record, i) => {
    const at = `records.${i}`;
    const indicator = catalogue.get(record.indicatorCode);
    if (!indicator) throw problem(`${at}.indicatorCode`, `第${i + 1}条:指标 ${record.indicatorCode} 不存在`);
    if (record.span[1] > input.text.length || record.span[0] >= record.span[1]) {
      throw problem(`${at}.span`, `第${i + 1}条:位置超出报告正文`);
    }
    const isTarget = record.field.startsWith('target');
    if (!isTarget && record.month === null) throw problem(`${at}.month`, `第${i + 1}条:实际值须有月份`);
    if (record.field === 'actual_yoy' || record.field === 'target_growth') {
      const why = validateGrowthRate(record.value);
      if (why) throw problem(`${at}.value`, `第${i + 1}条:${why}`);
    } else {
      if (indicator.kind !== 'level') throw problem(`${at}.field`, `第${i + 1}条:“${indicator.name}”是增速类指标,没有总量`);
      if (record.value < 0 || (record.field === 'target_level' && record.value === 0)) {
        throw problem(`${at}.value`, `第${i + 1}条:数值不能为负${record.field === 'target_level' ? '或为零' : ''}`);
      }
    }
  });
}

/**
 * Stores a report and the records a person accepted from it. Every record is checked first
 * (one bad record stores nothing); then the document is kept, the actuals go in through the
 * indicators import (one transaction, with revisions and warnings) and the targets through
 * saveTarget. An existing target is not overwritten from a report: it is left as it was and
 * the record says so. Each record's outcome is stored with the document.
 */
export async function importReport(options: { db: Db; actor: Actor; input: ImportReportInput }): Promise<{ document: ReportDocumentView; records: ImportedRecordView[] }> {
  const { db, actor, input } = options;
  assertCanImportReport(actor);
  const region = await resolveRegion({ db, actor, code: input.regionCode, field: 'regionCode' });
  const catalogue = new Map((await catalogueOf(db, actor, region.districtCode)).map((i) => [i.code, i]));
  checkRecords(input, catalogue);

  const sha256 = createHash('sha256').update(input.text).digest('hex');
  const documentId = await db.transaction().execute(async (tx) => {
    const id = await insertReportDocument(tx, {
      district_code: region.districtCode,
      region_code: region.code,
      region_path: region.path,
      title: input.title,
      file_name: input.fileName ?? null,
      year: input.year,
      month: input.month,
      sha256,
      body: input.text,
      mentions: input.mentions,
    imported_by: actor.label,
    });
    await recordChanges(tx, actor, [
      {
        districtCode: region.districtCode,
        action: 'report.imported',
        entityType: 'report_document',
        entityId: String(id),
        before: null,
        after: { regionCode: region.code, title: input.title, fileName: input.fileName ?? null, sha256, records: input.records.length },
      },
    ]);
    return id;
  });

  const source = `报告#${documentId} ${input.title}`.slice(0, 200);
  const outcomes = new Map<number, { outcome: ImportedRecordView['outcome']; message: string | null }>();
  // A cumulative value and a growth rate of the same indicator and month are one figure.
  const figures = new Map<string, ImportedFigure & { seqs: number[] }>();
  input.records.forEach((record, seq) => {
    if (record.field !== 'actual_cumulative' && record.field !== 'actual_yoy') return;
    const key = `${record.indicatorCode}/${record.year}/${record.month}`;
    const figure = figures.get(key) ?? {
      indicatorCode: record.indicatorCode,
      regionCode: region.code,
      year: record.year,
      month: record.month as number,
      source,
      origin: `报告第${seq + 1}条`,
      cell: input.text.slice(record.span[0], record.span[1]),
      row: seq + 1,
      column: record.field,
      seqs: [],
    };
    if (record.field === 'actual_cumulative') figure.cumulative = record.value;
    else figure.yoy = record.value;
    figure.seqs.push(seq);
    figures.set(key, figure);
  });
  if (figures.size > 0) {
    const result = await storeImportedFigures({ db, actor, districtCode: region.districtCode, figures: [...figures.values()] });
    const rejectedRows = new Map(result.rejected.map((r) => [r.row, r.message]));
    for (const figure of figures.values()) {
      const message = rejectedRows.get(figure.row);
      for (const seq of figure.seqs) outcomes.set(seq, message ? { outcome: 'rejected', message } : { outcome: 'stored', message: null });
    }
    for (const warning of result.warnings) {
      const seq = warning.row - 1;
      const current = outcomes.get(seq);
      if (current) outcomes.set(seq, { ...current, message: warning.message });
    }
  }
  for (const [seq, record] of input.records.entries()) {
    if (record.field !== 'target_level' && record.field !== 'target_growth') continue;
    const indicator = catalogue.get(record.indicatorCode) as IndicatorView;
    try {
      await saveTarget({
        db,
        actor,
        input: {
          indicatorCode: record.indicatorCode,
          regionCode: region.code,
          year: record.year,
          ...(record.field === 'target_level' ? { level: { value: record.value, unit: indicator.baseUnit } } : { growth: record.value }),
          note: source,
        },
      });
      outcomes.set(seq, { outcome: 'stored', message: null });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      outcomes.set(
        seq,
        error.code === 'CONFLICT'
          ? { outcome: 'unchanged', message: '该年度目标已存在,未用报告数值覆盖' }
          : { outcome: 'rejected', message: error.userMessage },
      );
    }
  }

  const rows = input.records.map((record, seq) => {
    const outcome = outcomes.get(seq) ?? { outcome: 'unchanged' as const, message: null };
    return {
      district_code: region.districtCode,
      document_id: documentId,
      seq,
      span_start: record.span[0],
      span_end: record.span[1],
      indicator_code: record.indicatorCode,
      field: record.field,
      year: record.year,
      month: record.field.startsWith('target') ? null : record.month,
      value: record.value,
      outcome: outcome.outcome,
      message: outcome.message,
    };
  });
  await db.transaction().execute((tx) => insertReportRecords(tx, rows));
  return getReportDocument({ db, actor, id: documentId });
}

/** Stored reports in the actor's scope, newest first. */
export async function listReportDocuments(options: { db: Db; actor: Actor; limit?: number }): Promise<ReportDocumentView[]> {
  const { db, actor } = options;
  assertCanImportReport(actor);
  const rows = await listReportDocumentRows(db, actor.regionPath, options.limit ?? 100);
  return rows.map((r) => ({
    id: Number(r.id),
    regionCode: r.region_code,
    title: r.title,
    fileName: r.file_name,
    year: r.year,
    month: r.month,
    mentions: r.mentions,
    stored: Number(r.stored ?? 0),
    importedBy: r.imported_by,
    importedAt: new Date(r.imported_at).toISOString(),
  }));
}

/** One stored report with what was taken from it (its text too). */
export async function getReportDocument(options: { db: Db; actor: Actor; id: number }): Promise<{ document: ReportDocumentView & { text: string }; records: ImportedRecordView[] }> {
  const { db, actor } = options;
  assertCanImportReport(actor);
  const row = await findReportDocument(db, actor.regionPath, options.id);
  if (!row) throw new AppError('NOT_FOUND', `report ${options.id}`, { userMessage: '报告不存在' });
  const catalogue = new Map((await catalogueOf(db, actor, row.district_code)).map((i) => [i.code, i]));
  const records = (await listReportRecords(db, row.district_code, Number(row.id))).map(
    (r): ImportedRecordView => ({
      seq: r.seq,
      span: [r.span_start, r.span_end],
      indicatorCode: r.indicator_code,
      indicatorName: catalogue.get(r.indicator_code)?.name ?? r.indicator_code,
      field: r.field as ProposalField,
      fieldLabel: PROPOSAL_FIELD_LABELS[r.field as ProposalField],
      year: r.year,
      month: r.month,
      value: r.value,
      outcome: r.outcome as ImportedRecordView['outcome'],
      message: r.message,
    }),
  );
  return {
    document: {
      id: Number(row.id),
      regionCode: row.region_code,
      title: row.title,
      fileName: row.file_name,
      year: row.year,
      month: row.month,
      mentions: row.mentions,
      stored: records.filter((r) => r.outcome === 'stored').length,
      importedBy: row.imported_by,
      importedAt: new Date(row.imported_at).toISOString(),
      text: row.body,
    },
    records,
  };
}
