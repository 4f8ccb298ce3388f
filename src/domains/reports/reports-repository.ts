/**
 * Stored report documents and the records taken from them. The only file of the reports
 * domain that touches SQL.
 */
import type { Insertable, Selectable } from 'kysely';
import type { Executor, Tx } from '@/db/database.js';
import type { ReportDocumentsTable, ReportRecordsTable } from '@/db/schema-reports.js';

/** A stored report document. */
export type ReportDocumentRow = Selectable<ReportDocumentsTable>;
/** A record taken from a document. */
export type ReportRecordRow = Selectable<ReportRecordsTable>;

/** Inserts a document and returns its id. */
export async function insertReportDocument(tx: Tx, row: Insertable<ReportDocumentsTable>): Promise<number> {
  const inserted = await tx.insertInto('report_documents').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** Inserts the records of a document. */
export async function insertReportRecords(tx: Tx, rows: Insertable<ReportRecordsTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insertInto('report_records').values(rows).execute();
}

/** Documents under a region path, newest first, without their text. */
export async function listReportDocumentRows(db: Executor, pathPrefix: string, limit: number) {
  return db
    .selectFrom('report_documents as d')
    .select(['d.district_code', 'd.id', 'd.region_code', 'd.title', 'd.file_name', 'd.year', 'd.month', 'd.mentions', 'd.imported_by', 'd.imported_at'])
    .select((eb) =>
      eb
        .selectFrom('report_records as r')
        .whereRef('r.district_code', '=', 'd.district_code')
        .whereRef('r.document_id', '=', 'd.id')
        .where('r.outcome', '=', 'stored')
        .select((e) => e.fn.countAll<string>().as('n'))
        .as('stored'),
    )
    .where('d.region_path', 'like', `${pathPrefix}%`)
    .orderBy('d.imported_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(limit)
    .execute();
}

/** One document under a region path, or undefined. */
export async function findReportDocument(db: Executor, pathPrefix: string, id: number): Promise<ReportDocumentRow | undefined> {
  return db.selectFrom('report_documents').selectAll().where('id', '=', id).where('region_path', 'like', `${pathPrefix}%`).executeTakeFirst();
}

/** The records of a document in order. */
export async function listReportRecords(db: Executor, districtCode: string, documentId: number): Promise<ReportRecordRow[]> {
  return db.selectFrom('report_records').selectAll().where('district_code', '=', districtCode).where('document_id', '=', documentId).orderBy('seq').execute();
}
