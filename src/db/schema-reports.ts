/**
 * Table types of the reports domain; they mirror migration 0008. `DB` in schema.ts extends this.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ReportDocumentsTable {
  district_code: string;
  id: Generated<number>;
  region_code: string;
  region_path: string;
  title: string;
  file_name: string | null;
  year: number;
  month: number;
  sha256: string;
  body: string;
  mentions: number;
  imported_by: string;
  imported_at: Timestamp;
}

export interface ReportRecordsTable {
  district_code: string;
  document_id: number;
  seq: number;
  span_start: number;
  span_end: number;
  indicator_code: string;
  field: string;
  year: number;
  month: number | null;
  value: number;
  outcome: string;
  message: string | null;
}

/** The reports tables by name. */
export interface ReportTables {
  report_documents: ReportDocumentsTable;
  report_records: ReportRecordsTable;
}
