/**
 * SQL of the indicators domain: catalogue, targets, actuals and their revisions.
 */
import { sql } from 'kysely';
import type { Executor, Tx } from '@/db/database.js';

/** A catalogue row. */
export interface IndicatorRow {
  district_code: string;
  code: string;
  name: string;
  dimension: string;
  base_unit: string;
  display_unit: string;
  kind: 'level' | 'growth' | 'ratio';
  price_basis: 'current' | 'comparable' | null;
  frequency: 'monthly_cumulative' | 'quarterly' | 'annual';
  direction: 'higher' | 'lower';
  owner_department_code: string | null;
  region_codes: string[];
  sort_order: number;
  version: number;
}

/** A target row. */
export interface TargetRow {
  district_code: string;
  indicator_code: string;
  region_code: string;
  year: number;
  level_value: number | null;
  growth_rate: number | null;
  qualifier: string | null;
  note: string | null;
  version: number;
}

/** An actual (the current revision). */
export interface ActualRow {
  district_code: string;
  indicator_code: string;
  region_code: string;
  year: number;
  month: number;
  cumulative_value: number | null;
  yoy_rate: number | null;
  prior_value: number | null;
  source: string | null;
  flag: string | null;
  confirmed: boolean;
  revision: number;
  reported_at: Date;
  reported_by: string;
}

/** A past or current revision of an actual. */
export type RevisionRow = Omit<ActualRow, 'flag' | 'confirmed'>;

const indicatorColumns = [
  'district_code',
  'code',
  'name',
  'dimension',
  'base_unit',
  'display_unit',
  'kind',
  'price_basis',
  'frequency',
  'direction',
  'owner_department_code',
  'region_codes',
  'sort_order',
  'version',
] as const;

/** The catalogue of a district, in report order. */
export async function listIndicatorRows(db: Executor, districtCode: string): Promise<IndicatorRow[]> {
  const rows = await db
    .selectFrom('indicators')
    .select(indicatorColumns)
    .where('district_code', '=', districtCode)
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
  return rows as IndicatorRow[];
}

/** Inserts or updates catalogue entries. */
export async function upsertIndicatorRows(tx: Tx, rows: Omit<IndicatorRow, 'version'>[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insertInto('indicators')
    .values(rows.map((row) => ({ ...row, region_codes: JSON.stringify(row.region_codes) })))
    .onConflict((oc) =>
      oc.columns(['district_code', 'code']).doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        dimension: eb.ref('excluded.dimension'),
        base_unit: eb.ref('excluded.base_unit'),
        display_unit: eb.ref('excluded.display_unit'),
        kind: eb.ref('excluded.kind'),
        price_basis: eb.ref('excluded.price_basis'),
        frequency: eb.ref('excluded.frequency'),
        direction: eb.ref('excluded.direction'),
        owner_department_code: eb.ref('excluded.owner_department_code'),
        region_codes: eb.ref('excluded.region_codes'),
        sort_order: eb.ref('excluded.sort_order'),
        version: sql`indicators.version + 1`,
        updated_at: sql`now()`,
      })),
    )
    .execute();
}

const targetColumns = ['district_code', 'indicator_code', 'region_code', 'year', 'level_value', 'growth_rate', 'qualifier', 'note', 'version'] as const;

/** Inserts a new catalogue entry; false when the code exists (someone created it meanwhile). */
export async function insertIndicatorRow(tx: Tx, row: Omit<IndicatorRow, 'version'>): Promise<boolean> {
  const result = await tx
    .insertInto('indicators')
    .values({ ...row, region_codes: JSON.stringify(row.region_codes) })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Changes a catalogue entry if it is still at `version`. */
export async function updateIndicatorRow(tx: Tx, row: Omit<IndicatorRow, 'version'>, version: number): Promise<boolean> {
  const result = await tx
    .updateTable('indicators')
    .set({
      name: row.name,
      dimension: row.dimension,
      base_unit: row.base_unit,
      display_unit: row.display_unit,
      kind: row.kind,
      price_basis: row.price_basis,
      frequency: row.frequency,
      direction: row.direction,
      owner_department_code: row.owner_department_code,
      sort_order: row.sort_order,
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('district_code', '=', row.district_code)
    .where('code', '=', row.code)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Targets of a district for some years (and optionally one indicator). */
export async function listTargetRows(
  db: Executor,
  districtCode: string,
  years: number[],
  indicatorCode?: string,
): Promise<TargetRow[]> {
  let q = db
    .selectFrom('indicator_targets')
    .select(targetColumns)
    .where('district_code', '=', districtCode)
    .where('year', 'in', years.length ? years : [0]);
  if (indicatorCode) q = q.where('indicator_code', '=', indicatorCode);
  return (await q.execute()) as TargetRow[];
}

/** One target, or undefined. */
export async function findTargetRow(
  db: Executor,
  key: { districtCode: string; indicatorCode: string; regionCode: string; year: number },
): Promise<TargetRow | undefined> {
  return (await db
    .selectFrom('indicator_targets')
    .select(targetColumns)
    .where('district_code', '=', key.districtCode)
    .where('indicator_code', '=', key.indicatorCode)
    .where('region_code', '=', key.regionCode)
    .where('year', '=', key.year)
    .executeTakeFirst()) as TargetRow | undefined;
}

/** Writes a target (insert, or update when still at `version`); returns whether it was written. */
export async function saveTargetRow(
  tx: Tx,
  row: Omit<TargetRow, 'version'>,
  expectedVersion: number | null,
): Promise<boolean> {
  if (expectedVersion === null) {
    const result = await tx.insertInto('indicator_targets').values(row).onConflict((oc) => oc.doNothing()).executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const result = await tx
    .updateTable('indicator_targets')
    .set({
      level_value: row.level_value,
      growth_rate: row.growth_rate,
      qualifier: row.qualifier,
      note: row.note,
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('district_code', '=', row.district_code)
    .where('indicator_code', '=', row.indicator_code)
    .where('region_code', '=', row.region_code)
    .where('year', '=', row.year)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

const revisionColumns = [
  'district_code',
  'indicator_code',
  'region_code',
  'year',
  'month',
  'cumulative_value',
  'yoy_rate',
  'prior_value',
  'source',
  'revision',
  'reported_at',
  'reported_by',
] as const;

const actualColumns = [...revisionColumns, 'flag', 'confirmed'] as const;

/** Actuals of a district for some years (optionally one indicator and some regions). */
export async function listActualRows(
  db: Executor,
  query: { districtCode: string; years: number[]; indicatorCode?: string; regionCodes?: string[]; months?: number[] },
): Promise<ActualRow[]> {
  let q = db
    .selectFrom('indicator_actuals')
    .select(actualColumns)
    .where('district_code', '=', query.districtCode)
    .where('year', 'in', query.years.length ? query.years : [0]);
  if (query.indicatorCode) q = q.where('indicator_code', '=', query.indicatorCode);
  if (query.regionCodes) q = q.where('region_code', 'in', query.regionCodes.length ? query.regionCodes : ['']);
  if (query.months) q = q.where('month', 'in', query.months.length ? query.months : [0]);
  return (await q.orderBy('year').orderBy('month').execute()) as ActualRow[];
}

/** The key of one actual. */
export interface ActualKey {
  districtCode: string;
  indicatorCode: string;
  regionCode: string;
  year: number;
  month: number;
}

/** The key of one actual as column equalities, for `where((eb) => eb.and(columnsOf(key)))`. */
function columnsOf(key: ActualKey) {
  return {
    district_code: key.districtCode,
    indicator_code: key.indicatorCode,
    region_code: key.regionCode,
    year: key.year,
    month: key.month,
  };
}

/** One actual, or undefined. */
export async function findActualRow(db: Executor, key: ActualKey): Promise<ActualRow | undefined> {
  return (await db
    .selectFrom('indicator_actuals')
    .select(actualColumns)
    .where((eb) => eb.and(columnsOf(key)))
    .executeTakeFirst()) as ActualRow | undefined;
}

/** Writes the current revision of an actual and appends it to the history. */
export async function saveActualRow(tx: Tx, row: ActualRow): Promise<void> {
  await tx
    .insertInto('indicator_actuals')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['district_code', 'indicator_code', 'region_code', 'year', 'month']).doUpdateSet({
        cumulative_value: row.cumulative_value,
        yoy_rate: row.yoy_rate,
        prior_value: row.prior_value,
        source: row.source,
        flag: row.flag,
        confirmed: row.confirmed,
        revision: row.revision,
        reported_at: row.reported_at,
        reported_by: row.reported_by,
      }),
    )
    .execute();
  const { flag: _flag, confirmed: _confirmed, ...revision } = row;
  await tx.insertInto('indicator_actual_revisions').values(revision).execute();
}

/** Marks a flagged actual as confirmed. */
export async function confirmActualRow(tx: Tx, key: ActualKey): Promise<boolean> {
  const result = await tx
    .updateTable('indicator_actuals')
    .set({ confirmed: true })
    .where((eb) => eb.and(columnsOf(key)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Every revision of one actual, newest first. */
export async function listRevisionRows(db: Executor, key: ActualKey): Promise<RevisionRow[]> {
  return (await db
      .selectFrom('indicator_actual_revisions')
      .select(revisionColumns)
    .where((eb) => eb.and(columnsOf(key)))
    .orderBy('revision', 'desc')
    .execute()) as RevisionRow[];
}

/** A district's rating thresholds, or undefined for the defaults. */
export async function findThresholds(db: Executor, districtCode: string): Promise<Record<string, number> | undefined> {
  const row = await db.selectFrom('indicator_settings').select('thresholds').where('district_code', '=', districtCode).executeTakeFirst();
  return row?.thresholds as Record<string, number> | undefined;
}

/** Sets a district's rating thresholds. */
export async function saveThresholds(tx: Tx, districtCode: string, thresholds: Record<string, number>): Promise<void> {
  await tx
    .insertInto('indicator_settings')
    .values({ district_code: districtCode, thresholds: JSON.stringify(thresholds) })
    .onConflict((oc) => oc.column('district_code').doUpdateSet({ thresholds: JSON.stringify(thresholds), updated_at: sql`now()` }))
    .execute();
}

/** The latest (year, month) with any actual for a region, or undefined. */
export async function findLatestPeriod(
  db: Executor,
  districtCode: string,
  regionCode: string,
): Promise<{ year: number; month: number } | undefined> {
  return db
    .selectFrom('indicator_actuals')
    .select(['year', 'month'])
    .where('district_code', '=', districtCode)
    .where('region_code', '=', regionCode)
    .orderBy('year', 'desc')
    .orderBy('month', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Inserts targets that do not exist yet; returns those inserted. */
export async function insertMissingTargetRows(tx: Tx, rows: Omit<TargetRow, 'version'>[]): Promise<Omit<TargetRow, 'version'>[]> {
  const inserted: Omit<TargetRow, 'version'>[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const keys = await tx
      .insertInto('indicator_targets')
      .values(chunk)
      .onConflict((oc) => oc.doNothing())
      .returning(['indicator_code', 'region_code', 'year'])
      .execute();
    const wanted = new Set(keys.map((k) => `${k.indicator_code}/${k.region_code}/${k.year}`));
    inserted.push(...chunk.filter((r) => wanted.has(`${r.indicator_code}/${r.region_code}/${r.year}`)));
  }
  return inserted;
}

/** Inserts figures that do not exist yet (and their first revision); returns those inserted. */
export async function insertMissingActualRows(tx: Tx, rows: ActualRow[]): Promise<ActualRow[]> {
  const inserted: ActualRow[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const keys = await tx
      .insertInto('indicator_actuals')
      .values(chunk)
      .onConflict((oc) => oc.doNothing())
      .returning(['indicator_code', 'region_code', 'year', 'month'])
      .execute();
    const wanted = new Set(keys.map((k) => `${k.indicator_code}/${k.region_code}/${k.year}/${k.month}`));
    const fresh = chunk.filter((r) => wanted.has(`${r.indicator_code}/${r.region_code}/${r.year}/${r.month}`));
    if (fresh.length > 0) {
      await tx
        .insertInto('indicator_actual_revisions')
        .values(fresh.map(({ flag: _flag, confirmed: _confirmed, ...revision }) => revision))
        .execute();
    }
    inserted.push(...fresh);
  }
  return inserted;
}

/** Every month of one series (indicator, region, year), in order. */
export async function listSeriesRows(
  db: Executor,
  key: { districtCode: string; indicatorCode: string; regionCode: string; year: number },
): Promise<ActualRow[]> {
  return (await db
    .selectFrom('indicator_actuals')
    .select(actualColumns)
    .where('district_code', '=', key.districtCode)
    .where('indicator_code', '=', key.indicatorCode)
    .where('region_code', '=', key.regionCode)
    .where('year', '=', key.year)
    .orderBy('month')
    .execute()) as ActualRow[];
}

/** Sets a figure's flag (not a new revision: the figure itself is unchanged). */
export async function setActualFlag(tx: Tx, key: ActualKey, flag: string | null, confirmed: boolean): Promise<void> {
  await tx
    .updateTable('indicator_actuals')
    .set({ flag, confirmed })
    .where((eb) => eb.and(columnsOf(key)))
    .execute();
}
