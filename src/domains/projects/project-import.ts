/**
 * Imports a project library from an XLSX or CSV sheet in the layout a 项目办 keeps: one row per
 * project, headers by name (order free), money in 万元. Each row goes through createProject
 * (the same validation and permissions as the API) and the answer reports every row.
 *
 * Headers: 项目编号, 项目名称, 级别 (区级/镇级), 分类 (names separated by 、), 所在镇街 (name or
 * code), 业主单位, 责任部门 (name or code), 建设地点, 总投资(万元), 年度计划投资(万元), and per
 * stage 计划签约 … 计划投产 (and, for an administrator importing history, 实际签约 … 实际投产).
 */
import type { Db } from '@/db/database.js';
import { listDepartments } from '@/domains/departments/departments-service.js';
import { parseNumber, readSheet } from '@/domains/indicators/indicator-sheet.js';
import { toBase } from '@/domains/indicators/quantities.js';
import { districtOfActor, listDistrictAndTowns } from '@/domains/regions/regions-service.js';
import type { Actor } from '@/shared/actor.js';
import { AppError, isAppError } from '@/shared/errors.js';
import { PROJECT_STAGES, STAGE_LABELS } from '@/shared/project-vocabulary.js';
import { createProjectSchema } from './projects-schemas.js';
import { createProject, listTags } from './projects-service.js';

/** One row's outcome. */
export interface ImportRowReport {
  /** The sheet's row number (1 = the header). */
  row: number;
  code: string | null;
  status: 'created' | 'skipped' | 'rejected';
  field?: string;
  message?: string;
}

/** The outcome of an import. */
export interface ImportReport {
  created: number;
  skipped: number;
  rejected: number;
  rows: ImportRowReport[];
}

type Cell = string | number | null;

function text(cell: Cell | undefined): string {
  return cell === null || cell === undefined ? '' : String(cell).trim();
}

/** `2026-3-5`, `2026/03/05`, `2026年3月5日`, an ISO timestamp → `2026-03-05`; '' → null. */
export function normaliseDate(cell: Cell | undefined): string | null | 'bad' {
  const value = text(cell);
  if (value === '') return null;
  const match = value.match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/);
  if (!match) return 'bad';
  return `${match[1]}-${(match[2] as string).padStart(2, '0')}-${(match[3] as string).padStart(2, '0')}`;
}

function headerKey(raw: Cell | undefined): string {
  return text(raw).replace(/[\s()()]/g, '').replace(/万元$/, '');
}

/** Imports the sheet's projects into the actor's district. */
export async function importProjectSheet(options: { db: Db; actor: Actor; data: Buffer; format: 'xlsx' | 'csv'; district?: string }): Promise<ImportReport> {
  const { db, actor } = options;
  let rows: Cell[][];
  try {
    rows = await readSheet(options.data, options.format);
  } catch (error) {
    throw new AppError('VALIDATION_FAILED', `unreadable sheet: ${String(error)}`, { field: 'file', userMessage: '无法读取表格文件:请确认是 .xlsx 或 UTF-8 编码的 .csv' });
  }
  const headerIndex = rows.findIndex((r) => r.some((c) => headerKey(c) === '项目名称'));
  if (headerIndex < 0) throw new AppError('VALIDATION_FAILED', 'no header row', { field: 'file', userMessage: '表格中没有找到表头(须含“项目名称”列)' });
  const header = (rows[headerIndex] ?? []).map(headerKey);
  const col = (name: string) => header.indexOf(name);
  const districtCode = await districtOfActor({ db, actor, requested: options.district });
  const { towns } = await listDistrictAndTowns({ db, districtCode });
  const departments = (await listDepartments({ db, actor })).filter((d) => d.districtCode === districtCode);
  const tags = await listTags({ db, actor, district: districtCode });
  const report: ImportReport = { created: 0, skipped: 0, rejected: 0, rows: [] };

  for (let i = headerIndex + 1; i < rows.length; i += 1) {
    const cells = rows[i] ?? [];
    if (cells.every((c) => text(c) === '')) continue;
    const get = (name: string) => (col(name) >= 0 ? cells[col(name)] : undefined);
    const code = text(get('项目编号')) || null;
    const rowNumber = i + 1;
    const reject = (field: string, message: string) => {
      report.rejected += 1;
      report.rows.push({ row: rowNumber, code, status: 'rejected', field, message });
    };
    const townText = text(get('所在镇街'));
    const town = townText ? towns.find((t) => t.code === townText || t.name === townText) : undefined;
    if (townText && !town) {
      reject('所在镇街', `未知镇街:${townText}`);
      continue;
    }
    const deptText = text(get('责任部门'));
    const department = deptText ? departments.find((d) => d.code === deptText || d.name === deptText || d.name.startsWith(deptText)) : undefined;
    if (deptText && !department) {
      reject('责任部门', `未知部门:${deptText}`);
      continue;
    }
    const tagNames = text(get('分类')).split(/[、,,;;/\s]+/).filter(Boolean);
    const tagCodes: string[] = [];
    const unknownTag = tagNames.find((name) => {
      const tag = tags.find((t) => t.name === name || t.code === name);
      if (tag) tagCodes.push(tag.code);
      return !tag;
    });
    if (unknownTag) {
      reject('分类', `未知分类:${unknownTag}`);
      continue;
    }
    const money = (name: string): number | undefined | 'bad' => {
      const n = parseNumber(get(name) ?? null);
      if (n === null) return undefined;
      return Number.isNaN(n) ? 'bad' : toBase(n, '万元');
    };
    const total = money('总投资');
    const planned = money('年度计划投资');
    if (total === 'bad' || total === undefined) {
      reject('总投资(万元)', '总投资须为数字(万元)');
      continue;
    }
    if (planned === 'bad') {
      reject('年度计划投资(万元)', '年度计划投资须为数字(万元)');
      continue;
    }
    const milestones: { stage: (typeof PROJECT_STAGES)[number]; plannedDate: string | null; actualDate: string | null }[] = [];
    let badDate: string | null = null;
    for (const stage of PROJECT_STAGES) {
      const plannedDate = normaliseDate(get(`计划${STAGE_LABELS[stage]}`));
      const actualDate = normaliseDate(get(`实际${STAGE_LABELS[stage]}`));
      if (plannedDate === 'bad') badDate = `计划${STAGE_LABELS[stage]}`;
      if (actualDate === 'bad') badDate = `实际${STAGE_LABELS[stage]}`;
      if (plannedDate === 'bad' || actualDate === 'bad') break;
      if (plannedDate || actualDate) milestones.push({ stage, plannedDate, actualDate });
    }
    if (badDate) {
      reject(badDate, '日期格式不正确(例:2026-03-15)');
      continue;
    }
    const levelText = text(get('级别'));
    const parsed = createProjectSchema.safeParse({
      code: code ?? '',
      name: text(get('项目名称')),
      level: levelText === '镇级' || levelText === 'town' ? 'town' : levelText === '区级' || levelText === 'district' || levelText === '' ? 'district' : levelText,
      townCode: town?.code ?? null,
      ownerUnit: text(get('业主单位')),
      ownerDepartmentCode: department?.code ?? null,
      location: text(get('建设地点')),
      totalInvestment: total,
      plannedThisYear: planned,
      tags: tagCodes,
      milestones,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      reject(issue?.path.join('.') ?? '', issue?.message ?? '输入不符合要求');
      continue;
    }
    try {
      await createProject({ db, actor, input: parsed.data, district: districtCode });
      report.created += 1;
      report.rows.push({ row: rowNumber, code, status: 'created' });
    } catch (error) {
      if (isAppError(error) && error.code === 'ALREADY_EXISTS') {
        report.skipped += 1;
        report.rows.push({ row: rowNumber, code, status: 'skipped', message: '项目编号已存在,跳过' });
      } else if (isAppError(error) && error.status < 500) {
        reject(error.field ?? '', error.userMessage);
      } else throw error;
    }
  }
  return report;
}
