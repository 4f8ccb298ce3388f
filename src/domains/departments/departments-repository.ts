/**
 * SQL of departments.
 */
import type { Executor, Tx } from '@/db/database.js';

/** A department row. */
export interface DepartmentRow {
  district_code: string;
  code: string;
  name: string;
  kind: string;
  region_code: string;
}

/** Departments of some districts, by code. */
export async function listDepartmentsOf(db: Executor, districtCodes: string[] | null): Promise<DepartmentRow[]> {
  let q = db.selectFrom('departments').select(['district_code', 'code', 'name', 'kind', 'region_code']);
  if (districtCodes) q = q.where('district_code', 'in', districtCodes.length ? districtCodes : ['']);
  return q.orderBy('district_code').orderBy('code').execute();
}

/** One department, or undefined. */
export async function findDepartment(db: Executor, districtCode: string, code: string): Promise<DepartmentRow | undefined> {
  return db
    .selectFrom('departments')
    .select(['district_code', 'code', 'name', 'kind', 'region_code'])
    .where('district_code', '=', districtCode)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Inserts or renames departments. */
export async function upsertDepartments(tx: Tx, rows: DepartmentRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insertInto('departments')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['district_code', 'code']).doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        kind: eb.ref('excluded.kind'),
        region_code: eb.ref('excluded.region_code'),
      })),
    )
    .execute();
}
