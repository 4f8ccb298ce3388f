/**
 * The CPU side of the hotline import, with no I/O: each row of the export is validated,
 * routed, given its deadlines and turned into the JSON of its stored row and its roll-up
 * contribution, in batches. It runs on the main thread for small files and in a worker thread
 * for large ones (case-import-worker.ts), so everything it is given is plain data that the
 * structured clone carries: the district's context, the routing of its towns and micro-grids,
 * and the micro-grids' shapes for the locator.
 *
 * Only the case numbers come later (they are the database's): each row's JSON is kept without
 * an `"id"`, and {@link packBatch} puts the numbers in front when the batch is written.
 */
import type { CaseRollupCounters } from '@/db/schema.js';
import { RegionLocator, type LocatableRegion } from '@/domains/regions/region-locator.js';
import { isInScope, type Actor } from '@/shared/actor.js';
import { AppError, isAppError, type ErrorCode } from '@/shared/errors.js';
import { addCounters, differenceOf, zeroCounters } from './case-metrics.js';
import { prepareCaseRow, RollupDeltas, newCaseTokens, type CaseInput, type DistrictCaseContext, type PreparedCaseRow, type Routing } from './cases-service.js';
import { CASE_COLUMNS, caseRowJson, type NewCaseRow, type PackedCaseRows, type RollupKey } from './cases-repository.js';
import type { HotlineFormat, HotlineRow, SheetItem } from './hotline-sheet.js';

/** A rejected row. */
export interface RejectedRow {
  row: number;
  field: string;
  code: string;
  message: string;
}

/** An AppError as plain data (to cross a thread, or to be thrown again for each row). */
export interface ErrorData {
  code: ErrorCode;
  message: string;
  field?: string;
  userMessage: string;
  details?: unknown;
}

/** Everything the preparation needs, as plain (structured-clone) data. */
export interface ImportSetup {
  districtCode: string;
  actor: Actor;
  /** The import's `now`, epoch milliseconds. */
  now: number;
  context: DistrictCaseContext;
  /** Active minor categories by name, for rows that name the class instead of coding it. */
  categoryByName: Map<string, string>;
  /** The district's towns by name. */
  townByName: Map<string, string>;
  /** The importing actor's own town, where a row names no place (town staff). */
  ownTown: string | null;
  /** Where a case lands by town code (each town a row can fall back on), or why it cannot. */
  towns: Map<string, Routing | ErrorData>;
  /** Where a case lands by the code of the district's micro-grid its point lies in. */
  grids: Map<string, Routing>;
  /** Listed rejections stop here; the rest are only counted. */
  maxReported: number;
  /** Rows per batch. */
  batchSize: number;
}

/** What a worker thread is started with. */
export interface WorkerInput {
  setup: ImportSetup;
  format: HotlineFormat;
  /** The micro-grids its locator needs ({@link locatorRegionsFor}). */
  regions: LocatableRegion[];
}

/** The roll-up rows a batch adds to. */
export type RollupRows = (RollupKey & { counters: CaseRollupCounters })[];

/** A batch of prepared rows and what was read, rejected or skipped up to its end. */
export interface PreparedBatch {
  /** Sheet rows (as the spreadsheet numbers them) of the first and last prepared row. */
  firstRow: number | undefined;
  lastRow: number | undefined;
  /** Each row's JSON without its number and its opening brace (see {@link packBatch}). */
  fragments: string[];
  externalIds: (string | null)[];
  deltas: RollupRows;
  /** Rejections since the previous batch, in file order (only those within `maxReported`). */
  rejected: RejectedRow[];
  /** Rejections since the previous batch, listed or not. */
  rejectedCount: number;
  /** Data rows read so far. */
  total: number;
  /** Rows skipped since the previous batch because the file had them already. */
  duplicates: number;
}

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

/** An error as plain data. */
export function errorData(error: AppError): ErrorData {
  return { code: error.code, message: error.message, field: error.field, userMessage: error.userMessage, details: error.details };
}

/** The AppError again from its data. */
export function errorOf(data: ErrorData): AppError {
  return new AppError(data.code, data.message, { field: data.field, userMessage: data.userMessage, details: data.details });
}

/**
 * The micro-grids a worker's locator needs: those of the district and every other one whose
 * box meets the district's box. A point resolves among the micro-grids whose box holds it, so
 * for any point in the district this set answers exactly as the whole locator does.
 */
export function locatorRegionsFor(all: LocatableRegion[], districtGrids: ReadonlySet<string>, bboxOf: (r: LocatableRegion) => [number, number, number, number]): LocatableRegion[] {
  const boxes = all.map((r) => [r, bboxOf(r)] as const);
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [r, b] of boxes) {
    if (!districtGrids.has(r.code)) continue;
    minX = Math.min(minX, b[0]);
    minY = Math.min(minY, b[1]);
    maxX = Math.max(maxX, b[2]);
    maxY = Math.max(maxY, b[3]);
  }
  return boxes.filter(([, b]) => b[0] <= maxX && b[2] >= minX && b[1] <= maxY && b[3] >= minY).map(([r]) => r);
}

/** A locator over the given micro-grids. */
export function locatorOf(regions: LocatableRegion[]): (lon: number, lat: number) => string | null {
  const locator = RegionLocator.build(regions);
  return (lon, lat) => locator.locate(lon, lat);
}

/**
 * Validates, routes and prepares rows one at a time and hands them out in batches. Routing
 * answers as `routeCase` does: the micro-grid of the district holding the point, else the town
 * the row names (or the actor's own), else the district's unrouted queue.
 */
export class CaseImportPreparer {
  readonly #setup: ImportSetup;
  readonly #locate: (lon: number, lat: number) => string | null;
  readonly #now: Date;
  readonly #seen = new Set<string>();
  #rows: { row: number; prepared: PreparedCaseRow }[] = [];
  #rejected: RejectedRow[] = [];
  #listed = 0;
  #rejectedCount = 0;
  #duplicates = 0;
  #total = 0;

  constructor(setup: ImportSetup, locate: (lon: number, lat: number) => string | null) {
    this.#setup = setup;
    this.#locate = locate;
    this.#now = new Date(setup.now);
  }

  /** True when a batch is ready to take. */
  get full(): boolean {
    return this.#rows.length >= this.#setup.batchSize;
  }

  /** Takes one data row of the sheet. Errors other than a row's own problems are thrown. */
  add(item: SheetItem): void {
    this.#total += 1;
    if ('problems' in item) {
      for (const p of item.problems) this.#reject({ row: p.row, field: p.field, code: p.code, message: p.message });
      return;
    }
    const row = item.value;
    if (this.#seen.has(row.externalId)) {
      this.#duplicates += 1;
      return;
    }
    const setup = this.#setup;
    try {
      const input = inputOf(row, setup.categoryByName);
      const namedTown = row.townName ? setup.townByName.get(row.townName) : undefined;
      if (row.townName && !namedTown) {
        throw new AppError('NOT_FOUND', `no town ${row.townName}`, { field: 'townCode', userMessage: `镇街“${row.townName}”不存在` });
      }
      // Someone working for one town imports into that town when a row names no place.
      const routing = this.#route(input.lon, input.lat, namedTown ?? setup.ownTown ?? null);
      if (!isInScope(setup.actor, routing.regionPath)) {
        throw new AppError('NOT_FOUND', 'outside the actor\'s region', { field: input.lon !== null && input.lon !== undefined ? 'lon' : 'townCode', userMessage: '事发位置不在您的辖区内' });
      }
      const prepared = prepareCaseRow(input, setup.context, routing, { actor: setup.actor, now: this.#now });
      // A flat copy: the parsed id would otherwise keep its whole chunk of the file alive.
      this.#seen.add(Buffer.from(row.externalId).toString());
      this.#rows.push({ row: item.row, prepared });
    } catch (error) {
      if (!isAppError(error)) throw error;
      const field = error.field ?? '';
      this.#reject({ row: item.row, field: FIELD_LABELS[field] ?? field, code: error.code, message: error.userMessage });
    }
  }

  /** The rows prepared since the last call, as JSON with their roll-up, and what was rejected or skipped. */
  take(): PreparedBatch {
    const current = this.#rows;
    this.#rows = [];
    const tokens = newCaseTokens(current.length);
    const deltas = new RollupDeltas();
    const fragments: string[] = new Array<string>(current.length);
    const externalIds: (string | null)[] = new Array<string | null>(current.length);
    for (let i = 0; i < current.length; i += 1) {
      const prepared = (current[i] as (typeof current)[number]).prepared;
      // No `id` yet: the number goes in front of the rest of the JSON later. The token is set
      // on the prepared row itself, not on a copy (see prepareCaseRow).
      prepared.token = tokens[i] as string;
      deltas.add(prepared, 1);
      fragments[i] = caseRowJson(prepared).slice(1);
      externalIds[i] = prepared.external_id;
    }
    const batch: PreparedBatch = {
      firstRow: current[0]?.row,
      lastRow: current[current.length - 1]?.row,
      fragments,
      externalIds,
      deltas: deltas.rows(),
      rejected: this.#rejected,
      rejectedCount: this.#rejectedCount,
      total: this.#total,
      duplicates: this.#duplicates,
    };
    this.#rejected = [];
    this.#rejectedCount = 0;
    this.#duplicates = 0;
    return batch;
  }

  #reject(r: RejectedRow): void {
    this.#rejectedCount += 1;
    if (this.#listed < this.#setup.maxReported) {
      this.#listed += 1;
      this.#rejected.push(r);
    }
  }

  #route(lon: number | null | undefined, lat: number | null | undefined, townCode: string | null): Routing {
    const setup = this.#setup;
    if (lon !== null && lon !== undefined && lat !== null && lat !== undefined) {
      const code = this.#locate(lon, lat);
      const grid = code === null ? undefined : setup.grids.get(code);
      if (grid) return grid;
    }
    if (townCode) {
      const town = setup.towns.get(townCode);
      if (!town) throw new Error(`town ${townCode} was not resolved before the import`);
      if ('code' in town) throw errorOf(town);
      return town;
    }
    return { townCode: null, regionCode: null, regionPath: `/${setup.districtCode}/` };
  }
}

/** The JSON of a batch's rows with their numbers, for `bulkInsertCaseRows`. */
export function packBatch(fragments: string[], ids: number[]): PackedCaseRows {
  const parts = new Array<string>(fragments.length);
  for (let i = 0; i < fragments.length; i += 1) parts[i] = `{"id":${ids[i] as number},${fragments[i] as string}`;
  return { json: `[${parts.join(',')}]`, count: fragments.length };
}

/** The stored row of one fragment (to take its contribution off again when it was not stored). */
export function rowOfFragment(fragment: string): NewCaseRow {
  const row = JSON.parse(`{${fragment}`) as Record<string, unknown>;
  // The fragment leaves null columns out (see caseRowJson); the row has them all.
  for (const column of CASE_COLUMNS) if (!(column in row)) row[column] = null;
  return row as unknown as NewCaseRow;
}

/** Roll-up rows added together by key, without the rows that come to nothing. */
export function sumRollupRows(...lists: RollupRows[]): RollupRows {
  const byKey = new Map<string, RollupKey & { counters: CaseRollupCounters }>();
  for (const list of lists) {
    for (const r of list) {
      const id = `${r.dim}|${r.month}|${r.town_code}|${r.key}`;
      let entry = byKey.get(id);
      if (!entry) {
        entry = { month: r.month, town_code: r.town_code, dim: r.dim, key: r.key, counters: zeroCounters() };
        byKey.set(id, entry);
      }
      addCounters(entry.counters, r.counters, 1);
    }
  }
  return [...byKey.values()].filter((r) => differenceOf(r.counters, null) !== null);
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
