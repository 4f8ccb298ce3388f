/**
 * Bulk import of 12345 hotline exports (CSV or XLSX): streamed row by row, validated, routed,
 * given their deadlines and stored in batches, each batch in one transaction with its roll-up
 * delta and one audit row. Valid rows are kept and rejected rows are reported with their row,
 * column and reason; a row whose 工单编号 is already stored is counted as a duplicate and never
 * stored twice, so a re-run after an interruption adds only what is missing.
 */
import { createHash } from 'node:crypto';
import type { Db } from '@/db/database.js';
import { recordChange } from '@/domains/audit/audit-service.js';
import { districtOfActor, listDistrictAndTowns } from '@/domains/regions/regions-service.js';
import { isInScope, type Actor } from '@/shared/actor.js';
import { AppError, isAppError } from '@/shared/errors.js';
import { prepareCaseRow, RollupDeltas, newCaseTokens, routeCase, storedRowOf, type CaseContextCache, type CaseInput } from './cases-service.js';
import { addRollupDeltas, analyzeCaseTables, bulkInsertCaseRows, packCaseRows, takeCaseIds, type FullCaseRow, type NewCaseRow, type PackedCaseRows } from './cases-repository.js';
import { readHotlineSheet, type HotlineFormat, type HotlineRow } from './hotline-sheet.js';

/** A rejected row. */
export interface RejectedRow {
  row: number;
  field: string;
  code: string;
  message: string;
}

/** The report of an import. */
export interface HotlineImportReport {
  total: number;
  imported: number;
  duplicates: number;
  rejected: RejectedRow[];
  /** Rejected rows beyond the first `maxReported` are counted here but not listed. */
  rejectedCount: number;
}

/** Progress callback: rows read so far and rows stored so far. */
export type ImportProgress = (progress: { read: number; imported: number; duplicates: number; rejected: number }) => void;

/** An import storing this many rows refreshes the planner's statistics afterwards. */
const ANALYZE_AFTER = 10_000;

/** Rows per transaction. */
const BATCH = 5000;

// Columns of the export as the issue and the contract name them, for rejection reports.
const FIELD_LABELS: Record<string, string> = {
  description: '诉求内容',
  categoryCode: '问题分类编码',
  lon: '经度',
  lat: '纬度',
  townCode: '所属镇街',
  address: '事发地址',
  reporterName: '来电人',
  reporterPhone: '联系电话',
  externalId: '工单编号',
  receivedAt: '受理时间',
};

/** Imports a hotline export. Only operators and administrators may. */
export async function importHotlineCases(options: {
  db: Db;
  cache: CaseContextCache;
  actor: Actor;
  input: NodeJS.ReadableStream | AsyncIterable<Buffer>;
  format: HotlineFormat;
  fileName?: string;
  district?: string;
  maxReported?: number;
  onProgress?: ImportProgress;
  now?: Date;
}): Promise<HotlineImportReport> {
  const { db, cache, actor } = options;
  if (!['admin', 'operator', 'town_admin'].includes(actor.role)) {
    throw new AppError('FORBIDDEN', `role ${actor.role} cannot import cases`, { userMessage: '只有受理员和管理员可以导入工单' });
  }
  const now = options.now ?? new Date();
  const maxReported = options.maxReported ?? 1000;
  const districtCode = await districtOfActor({ db, actor, requested: options.district });
  const context = await cache.get(districtCode);
  const { towns } = await listDistrictAndTowns({ db, districtCode });
  const townByName = new Map(towns.map((t) => [t.name, t.code]));
  const categoryByName = new Map(context.catalogue.categories.filter((c) => c.minorCode && c.active).map((c) => [c.name, c.code]));
  const ownTown = actor.regionPath.split('/')[2];
  const report: HotlineImportReport = { total: 0, imported: 0, duplicates: 0, rejected: [], rejectedCount: 0 };
  const reject = (r: RejectedRow) => {
    report.rejectedCount += 1;
    if (report.rejected.length < maxReported) report.rejected.push(r);
  };
  const importId = createHash('sha256').update(`${options.fileName ?? 'stream'}|${now.toISOString()}|${actor.label}`).digest('hex').slice(0, 16);
  let batch: { row: number; prepared: ReturnType<typeof prepareCaseRow> }[] = [];
  const seen = new Set<string>();
  let batchNo = 0;

  // The write of one batch overlaps the reading and preparing of the next: on a PostgreSQL
  // server the two run on different cores. One batch at a time is in flight, so batches
  // commit in file order, and a failed write stops the import at the next batch boundary.
  let inFlight: Promise<void> | null = null;
  let writeFailure: { error: unknown } | null = null;
  const settle = async () => {
    if (inFlight) await inFlight;
    inFlight = null;
    if (writeFailure) throw writeFailure.error;
  };
  const flush = async () => {
    if (batch.length === 0) return settle();
    const current = batch;
    batch = [];
    batchNo += 1;
    // Numbers, tokens, complete rows, their JSON and their roll-up delta are made here,
    // while the previous batch is still being written; the transaction only writes.
    const ids = await takeCaseIds(db, current.length);
    const tokens = newCaseTokens(current.length);
    const rows = current.map((b, i) => fullRow({ ...b.prepared, id: ids[i] as number, token: tokens[i] as string, duplicate_of: null, attachment_ids: [] }, now));
    const deltas = new RollupDeltas();
    for (const r of rows) deltas.add(r as unknown as NewCaseRow, 1);
    const packed = packCaseRows(rows);
    await settle();
    inFlight = write(current, rows, packed, deltas, batchNo).catch((error: unknown) => {
      writeFailure = { error };
    });
  };
  const write = async (current: typeof batch, rows: FullCaseRow[], packed: PackedCaseRows, deltas: RollupDeltas, batchNo: number) => {
    const inserted = await db.transaction().execute(async (tx) => {
      const insertedIds = new Set(await bulkInsertCaseRows(tx, packed));
      // Rows already stored (a re-run) were skipped: their contribution comes off again.
      const stored = insertedIds.size === rows.length ? rows : rows.filter((r) => insertedIds.has(r.id as number));
      if (stored !== rows) for (const r of rows) if (!insertedIds.has(r.id as number)) deltas.add(r as unknown as NewCaseRow, -1);
      await addRollupDeltas(tx, districtCode, deltas.rows());
      // One audit row per batch: the rows are identified by their numbers and a digest.
      await recordChange(tx, actor, {
        districtCode,
        action: 'cases.imported',
        entityType: 'case_import',
        entityId: `${importId}-${batchNo}`,
        before: null,
        after: {
          file: options.fileName ?? null,
          rows: stored.length,
          firstRow: current[0]?.row,
          lastRow: current[current.length - 1]?.row,
          ids: stored.length ? [stored[0]?.id, stored[stored.length - 1]?.id] : [],
          sha256: createHash('sha256').update(JSON.stringify(stored.map((r) => [r.id, r.external_id]))).digest('hex'),
        },
      });
      return insertedIds.size;
    });
    report.imported += inserted;
    report.duplicates += current.length - inserted;
    options.onProgress?.({ read: report.total, imported: report.imported, duplicates: report.duplicates, rejected: report.rejectedCount });
  };

  try {
    for await (const item of readHotlineSheet(options.input, options.format)) {
      report.total += 1;
      if ('problems' in item) {
        for (const p of item.problems) reject({ row: p.row, field: p.field, code: p.code, message: p.message });
        continue;
      }
      const row = item.value;
      if (seen.has(row.externalId)) {
        report.duplicates += 1;
        continue;
      }
      try {
        const input = inputOf(row, categoryByName);
        const namedTown = row.townName ? townByName.get(row.townName) : undefined;
        if (row.townName && !namedTown) {
          throw new AppError('NOT_FOUND', `no town ${row.townName}`, { field: 'townCode', userMessage: `镇街“${row.townName}”不存在` });
        }
        const routing = await routeCase({
          locator: cache.locator,
          db,
          actor,
          districtCode,
          lon: input.lon,
          lat: input.lat,
          // Someone working for one town imports into that town when a row names no place.
          townCode: namedTown ?? ownTown ?? null,
        });
        if (!isInScope(actor, routing.regionPath)) {
          throw new AppError('NOT_FOUND', 'outside the actor\'s region', { field: input.lon !== null && input.lon !== undefined ? 'lon' : 'townCode', userMessage: '事发位置不在您的辖区内' });
        }
        const prepared = prepareCaseRow(input, context, routing, { actor, now });
        // A flat copy: the parsed id would otherwise keep its whole chunk of the file alive.
        seen.add(Buffer.from(row.externalId).toString());
        batch.push({ row: item.row, prepared });
      } catch (error) {
        if (!isAppError(error)) throw error;
        const field = error.field ?? '';
        reject({ row: item.row, field: FIELD_LABELS[field] ?? field, code: error.code, message: error.userMessage });
      }
      if (batch.length >= BATCH) await flush();
    }
    await flush();
  } finally {
    // Whatever stopped the loop, nothing is reported (or the database closed) while a batch
    // is still being written.
    await (inFlight as Promise<void> | null);
  }
  await settle();
  if (report.imported >= ANALYZE_AFTER) await analyzeCaseTables(db);
  options.onProgress?.({ read: report.total, imported: report.imported, duplicates: report.duplicates, rejected: report.rejectedCount });
  return report;
}

function inputOf(row: HotlineRow, categoryByName: Map<string, string>): CaseInput {
  return {
    channel: row.channel,
    description: row.description,
    nature: row.nature,
    categoryCode: row.categoryCode ?? (row.categoryName ? (categoryByName.get(row.categoryName) ?? null) : null),
    urgency: row.urgency,
    lon: row.lon,
    lat: row.lat,
    address: row.address,
    reporterName: row.reporterName,
    reporterPhone: row.reporterPhone,
    externalId: row.externalId,
    receivedAt: row.receivedAt,
  };
}

/** A prepared row with every column set, for the one-statement bulk load. */
export function fullRow(row: NewCaseRow, now: Date): FullCaseRow {
  return storedRowOf(row, now) as unknown as FullCaseRow;
}
