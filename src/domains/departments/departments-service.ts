/**
 * Functional departments (城管, 市场监管, 住建 …) that handle cases and own indicators.
 */
import type { Db } from '@/db/database.js';
import { recordChanges } from '@/domains/audit/audit-service.js';
import type { Actor } from '@/shared/actor.js';
import { AppError, notFound } from '@/shared/errors.js';
import { findDepartment, listDepartmentsOf, upsertDepartments, type DepartmentRow } from './departments-repository.js';

/** A department as shown. */
export interface DepartmentView {
  districtCode: string;
  code: string;
  name: string;
  kind: string;
  regionCode: string;
}

function present(row: DepartmentRow): DepartmentView {
  return { districtCode: row.district_code, code: row.code, name: row.name, kind: row.kind, regionCode: row.region_code };
}

/** Departments of the actor's district (all of them for the system actor). */
export async function listDepartments(options: { db: Db; actor: Actor }): Promise<DepartmentView[]> {
  const { actor } = options;
  const districts = actor.regionPath === '/' ? null : [actor.districtCode];
  return (await listDepartmentsOf(options.db, districts)).map(present);
}

/** One department of a district, or NOT_FOUND naming `field`. */
export async function getDepartment(options: {
  db: Db;
  districtCode: string;
  code: string;
  field?: string;
}): Promise<DepartmentView> {
  const row = await findDepartment(options.db, options.districtCode, options.code);
  if (!row) {
    const error = notFound('department', options.code);
    throw new AppError('NOT_FOUND', error.message, { field: options.field, userMessage: error.userMessage });
  }
  return present(row);
}

/** Creates or renames departments (admin only), recording each change. */
export async function saveDepartments(options: { db: Db; actor: Actor; departments: DepartmentView[] }): Promise<number> {
  const { db, actor } = options;
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN', 'only admins manage departments');
  const rows: DepartmentRow[] = options.departments.map((d) => ({
    district_code: d.districtCode,
    code: d.code,
    name: d.name,
    kind: d.kind,
    region_code: d.regionCode,
  }));
  const districts = [...new Set(rows.map((r) => r.district_code))];
  const existing = new Map((await listDepartmentsOf(db, districts)).map((r) => [`${r.district_code}/${r.code}`, r]));
  const changed = rows.filter((r) => {
    const old = existing.get(`${r.district_code}/${r.code}`);
    return !old || old.name !== r.name || old.kind !== r.kind || old.region_code !== r.region_code;
  });
  if (changed.length === 0) return 0;
  await db.transaction().execute(async (tx) => {
    await upsertDepartments(tx, changed);
    await recordChanges(
      tx,
      actor,
      changed.map((r) => ({
        districtCode: r.district_code,
        action: existing.has(`${r.district_code}/${r.code}`) ? 'department.updated' : 'department.created',
        entityType: 'department',
        entityId: r.code,
        before: existing.get(`${r.district_code}/${r.code}`) ?? null,
        after: r,
      })),
    );
  });
  return changed.length;
}
