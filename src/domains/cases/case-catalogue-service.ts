/**
 * The case category catalogue (STANDARDS.md §2): 部件 and 事件 classes with their case
 * standards (立案/结案条件, 派单目录 with town overrides, time limits per urgency and stage) and
 * the 12345 natures with their limits. Data, editable by admins, seeded from
 * {@link DEFAULT_CATEGORIES} the first time a district uses cases.
 */
import type { Db } from '@/db/database.js';
import type { StoredLimit, StoredStageLimits } from '@/db/schema.js';
import { recordChange, recordChanges } from '@/domains/audit/audit-service.js';
import { listDepartments } from '@/domains/departments/departments-service.js';
import { listDistrictAndTowns } from '@/domains/regions/regions-service.js';
import { systemActor, type Actor } from '@/shared/actor.js';
import { CASE_NATURES, NATURE_LABELS, type CaseNature, type CaseUrgency, type CategoryKind } from '@/shared/case-vocabulary.js';
import { AppError } from '@/shared/errors.js';
import {
  insertCategoryRows,
  insertNatureRows,
  listCategoryRows,
  listCategoryTownRows,
  listNatureRows,
  replaceCategoryTowns,
  updateCategoryRow,
  updateNatureRow,
  type CategoryRow,
} from './cases-repository.js';
import { checkCategoryLimits, DEFAULT_CATEGORIES, DEFAULT_NATURE_LIMITS } from './default-categories.js';

/** A category as shown and edited. */
export interface CategoryView {
  code: string;
  kind: CategoryKind;
  majorCode: string;
  minorCode: string | null;
  name: string;
  parentCode: string | null;
  registerCondition: string | null;
  closeCondition: string | null;
  departmentCode: string | null;
  townDepartments: Record<string, string>;
  limits: { normal: StoredStageLimits; urgent: StoredStageLimits } | null;
  active: boolean;
  version: number;
}

/** A 12345 nature and its whole-case limit. */
export interface NatureView {
  code: CaseNature;
  name: string;
  limit: StoredLimit;
  version: number;
}

/** A district's catalogue, loaded once and read many times (routing, limits, labels). */
export interface Catalogue {
  districtCode: string;
  categories: CategoryView[];
  byCode: Map<string, CategoryView>;
  natures: Map<string, NatureView>;
}

function present(row: CategoryRow, towns: Map<string, Record<string, string>>): CategoryView {
  return {
    code: row.code,
    kind: row.kind as CategoryKind,
    majorCode: row.major_code,
    minorCode: row.minor_code,
    name: row.name,
    parentCode: row.parent_code,
    registerCondition: row.register_condition,
    closeCondition: row.close_condition,
    departmentCode: row.department_code,
    townDepartments: towns.get(row.code) ?? {},
    limits: row.limits,
    active: row.active,
    version: row.version,
  };
}

/**
 * Seeds a district's catalogue and natures from the defaults (classes whose department does
 * not exist in the district are seeded without one). Idempotent; returns how many were added.
 */
export async function ensureDefaultCatalogue(options: { db: Db; actor: Actor; districtCode: string }): Promise<number> {
  const { db, actor, districtCode } = options;
  const existing = await listCategoryRows(db, districtCode);
  const natures = await listNatureRows(db, districtCode);
  if (existing.length > 0 && natures.length === CASE_NATURES.length) return 0;
  const departments = new Set(
    (await listDepartments({ db, actor: systemActor('system:cases') })).filter((d) => d.districtCode === districtCode).map((d) => d.code),
  );
  return db.transaction().execute(async (tx) => {
    const added = await insertCategoryRows(
      tx,
      districtCode,
      DEFAULT_CATEGORIES.map((c) => ({
        code: c.code,
        kind: c.kind,
        major_code: c.majorCode,
        minor_code: c.minorCode,
        name: c.name,
        parent_code: c.parentCode,
        register_condition: c.registerCondition,
        close_condition: c.closeCondition,
        department_code: c.departmentCode && departments.has(c.departmentCode) ? c.departmentCode : null,
        limits: c.limits,
        active: true,
      })),
    );
    const addedNatures = await insertNatureRows(
      tx,
      districtCode,
      CASE_NATURES.map((code) => ({ code, name: NATURE_LABELS[code], limit: DEFAULT_NATURE_LIMITS[code] })),
    );
    if (added + addedNatures > 0) {
      await recordChange(tx, actor, {
        districtCode,
        action: 'case_catalogue.seeded',
        entityType: 'case_catalogue',
        entityId: districtCode,
        before: null,
        after: { categories: added, natures: addedNatures },
      });
    }
    return added + addedNatures;
  });
}

/** Loads a district's catalogue (seeding the defaults on first use). */
export async function loadCatalogue(options: { db: Db; districtCode: string }): Promise<Catalogue> {
  const { db, districtCode } = options;
  let rows = await listCategoryRows(db, districtCode);
  if (rows.length === 0) {
    await ensureDefaultCatalogue({ db, actor: systemActor('system:cases'), districtCode });
    rows = await listCategoryRows(db, districtCode);
  }
  const towns = new Map<string, Record<string, string>>();
  for (const t of await listCategoryTownRows(db, districtCode)) {
    towns.set(t.category_code, { ...(towns.get(t.category_code) ?? {}), [t.town_code]: t.department_code });
  }
  const categories = rows.map((r) => present(r, towns));
  const natures = (await listNatureRows(db, districtCode)).map((n) => ({ ...n, code: n.code as CaseNature }));
  return { districtCode, categories, byCode: new Map(categories.map((c) => [c.code, c])), natures: new Map(natures.map((n) => [n.code, n])) };
}

/** The stage limits of a class at an urgency, or null for an unknown, major or inactive class. */
export function limitsOf(catalogue: Catalogue, categoryCode: string | null, urgency: CaseUrgency): StoredStageLimits | null {
  const category = categoryCode ? catalogue.byCode.get(categoryCode) : undefined;
  if (!category || !category.active || !category.limits) return null;
  return category.limits[urgency];
}

/** The department a class of case goes to in a town (the town's override first). */
export function departmentOf(catalogue: Catalogue, categoryCode: string | null, townCode: string | null): string | null {
  const category = categoryCode ? catalogue.byCode.get(categoryCode) : undefined;
  if (!category) return null;
  return (townCode ? category.townDepartments[townCode] : undefined) ?? category.departmentCode;
}

/** The active minor class with this code, or UNKNOWN_CATEGORY naming `field`. */
export function requireCategory(catalogue: Catalogue, code: string, field = 'categoryCode'): CategoryView {
  const category = catalogue.byCode.get(code);
  if (!category || !category.active || !category.minorCode) {
    throw new AppError('UNKNOWN_CATEGORY', `no active minor class ${code}`, { field, userMessage: `事件分类 ${code} 不存在或已停用` });
  }
  return category;
}

/** The catalogue as shown. */
export async function getCatalogue(options: { db: Db; districtCode: string }): Promise<{ categories: CategoryView[]; natures: NatureView[] }> {
  const catalogue = await loadCatalogue(options);
  return { categories: catalogue.categories, natures: [...catalogue.natures.values()] };
}

function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') {
    throw new AppError('FORBIDDEN', `role ${actor.role} cannot edit the catalogue`, { userMessage: '只有系统管理员可以维护事件分类' });
  }
}

/** The editable part of a category. */
export interface CategoryInput {
  code: string;
  name: string;
  registerCondition: string | null;
  closeCondition: string | null;
  departmentCode: string | null;
  townDepartments: Record<string, string>;
  limits: { normal: StoredStageLimits; urgent: StoredStageLimits } | null;
  active: boolean;
}

async function checkInput(db: Db, actor: Actor, districtCode: string, input: CategoryInput, minor: boolean): Promise<void> {
  if (minor && !input.limits) {
    throw new AppError('VALIDATION_FAILED', 'a minor class needs limits', { field: 'limits', userMessage: '小类须设定各环节时限' });
  }
  if (!minor && (input.limits || input.departmentCode || Object.keys(input.townDepartments).length > 0)) {
    throw new AppError('VALIDATION_FAILED', 'a major class has no limits or department', { field: 'limits', userMessage: '大类不设时限和责任部门' });
  }
  if (input.limits) {
    const problems = checkCategoryLimits(input.limits);
    if (problems.length > 0) {
      throw new AppError('VALIDATION_FAILED', problems.join('; '), { field: `limits.${problems[0]?.split(':')[0] ?? ''}`, userMessage: `时限不合法:${problems.join(';')}` });
    }
  }
  const departments = new Set((await listDepartments({ db, actor })).filter((d) => d.districtCode === districtCode).map((d) => d.code));
  for (const [field, code] of [['departmentCode', input.departmentCode], ...Object.entries(input.townDepartments).map(([t, d]) => [`townDepartments.${t}`, d])] as [string, string | null][]) {
    if (code !== null && !departments.has(code)) {
      throw new AppError('NOT_FOUND', `department ${code} not found`, { field, userMessage: `部门 ${code} 不存在` });
    }
  }
  const { towns } = await listDistrictAndTowns({ db, districtCode });
  const townCodes = new Set(towns.map((t) => t.code));
  for (const town of Object.keys(input.townDepartments)) {
    if (!townCodes.has(town)) throw new AppError('NOT_FOUND', `town ${town} not found`, { field: `townDepartments.${town}`, userMessage: `镇街 ${town} 不存在` });
  }
}

/** Adds a class (admin). Its code says its kind, major and minor: `SJ0199`, or `SJ09` for a major. */
export async function createCategory(options: { db: Db; actor: Actor; districtCode: string; input: CategoryInput }): Promise<CategoryView> {
  const { db, actor, districtCode, input } = options;
  assertAdmin(actor);
  const match = /^(BJ|SJ)([0-9]{2})([0-9]{2})?$/.exec(input.code);
  if (!match) throw new AppError('VALIDATION_FAILED', 'bad category code', { field: 'code', userMessage: '分类编码须为 BJ/SJ + 2 位大类 + 2 位小类' });
  const catalogue = await loadCatalogue({ db, districtCode });
  const minor = match[3] ?? null;
  const parentCode = minor ? `${match[1]}${match[2]}` : null;
  if (catalogue.byCode.has(input.code)) throw new AppError('ALREADY_EXISTS', `category ${input.code} exists`, { field: 'code' });
  if (parentCode && !catalogue.byCode.has(parentCode)) {
    throw new AppError('UNKNOWN_PARENT', `major ${parentCode} does not exist`, { field: 'code', userMessage: `大类 ${parentCode} 不存在` });
  }
  await checkInput(db, actor, districtCode, input, minor !== null);
  const row = {
    code: input.code,
    kind: match[1] === 'BJ' ? 'component' : 'event',
    major_code: match[2] as string,
    minor_code: minor,
    name: input.name,
    parent_code: parentCode,
    register_condition: input.registerCondition,
    close_condition: input.closeCondition,
    department_code: input.departmentCode,
    limits: input.limits,
    active: input.active,
  };
  await db.transaction().execute(async (tx) => {
    if ((await insertCategoryRows(tx, districtCode, [row])) !== 1) throw new AppError('ALREADY_EXISTS', `category ${input.code} exists`, { field: 'code' });
    await replaceCategoryTowns(tx, districtCode, input.code, Object.entries(input.townDepartments).map(([town_code, department_code]) => ({ town_code, department_code })));
    await recordChange(tx, actor, { districtCode, action: 'case_category.created', entityType: 'case_category', entityId: input.code, before: null, after: input });
  });
  return requireView(db, districtCode, input.code);
}

/** Edits a class (admin), optimistic on `version`. */
export async function updateCategory(options: { db: Db; actor: Actor; districtCode: string; input: CategoryInput; version: number }): Promise<CategoryView> {
  const { db, actor, districtCode, input, version } = options;
  assertAdmin(actor);
  const catalogue = await loadCatalogue({ db, districtCode });
  const before = catalogue.byCode.get(input.code);
  if (!before) throw new AppError('NOT_FOUND', `category ${input.code} not found`, { field: 'code', userMessage: `分类 ${input.code} 不存在` });
  await checkInput(db, actor, districtCode, input, before.minorCode !== null);
  await db.transaction().execute(async (tx) => {
    const done = await updateCategoryRow(
      tx,
      districtCode,
      {
        code: input.code,
        name: input.name,
        register_condition: input.registerCondition,
        close_condition: input.closeCondition,
        department_code: input.departmentCode,
        limits: input.limits,
        active: input.active,
      },
      version,
    );
    if (!done) throw new AppError('CONFLICT', `category ${input.code} changed meanwhile`, { field: 'version' });
    await replaceCategoryTowns(tx, districtCode, input.code, Object.entries(input.townDepartments).map(([town_code, department_code]) => ({ town_code, department_code })));
    await recordChange(tx, actor, { districtCode, action: 'case_category.updated', entityType: 'case_category', entityId: input.code, before, after: input });
  });
  return requireView(db, districtCode, input.code);
}

async function requireView(db: Db, districtCode: string, code: string): Promise<CategoryView> {
  const view = (await loadCatalogue({ db, districtCode })).byCode.get(code);
  if (!view) throw new AppError('NOT_FOUND', `category ${code} not found`);
  return view;
}

/** Changes a nature's whole-case limit (admin), optimistic on `version`. */
export async function updateNatureLimit(options: { db: Db; actor: Actor; districtCode: string; code: CaseNature; limit: StoredLimit; version: number }): Promise<NatureView> {
  const { db, actor, districtCode, code, limit, version } = options;
  assertAdmin(actor);
  const before = (await loadCatalogue({ db, districtCode })).natures.get(code);
  if (!before) throw new AppError('NOT_FOUND', `nature ${code} not found`, { field: 'code' });
  if (!(limit.amount > 0) || ((limit.kind === 'working_days' || limit.kind === 'natural_days') && !Number.isInteger(limit.amount))) {
    throw new AppError('VALIDATION_FAILED', 'bad limit amount', { field: 'limit.amount', userMessage: '时限须为正数,按日计的时限须为整数' });
  }
  await db.transaction().execute(async (tx) => {
    if (!(await updateNatureRow(tx, districtCode, code, limit, version))) throw new AppError('CONFLICT', `nature ${code} changed meanwhile`, { field: 'version' });
    await recordChanges(tx, actor, [{ districtCode, action: 'case_nature.updated', entityType: 'case_nature', entityId: code, before: before.limit, after: limit }]);
  });
  const after = (await loadCatalogue({ db, districtCode })).natures.get(code);
  if (!after) throw new AppError('NOT_FOUND', `nature ${code} not found`);
  return after;
}
