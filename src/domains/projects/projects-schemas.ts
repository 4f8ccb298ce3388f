/**
 * zod schemas of the projects operations, shared by HTTP, the CLI and the import.
 * Money is in 元 (the base unit); the UI and the sheet convert from 万元.
 */
import { z } from 'zod';
import { PROJECT_LEVELS, PROJECT_LIGHTS, PROJECT_STAGES, STALL_KINDS, type ProjectLight } from '@/shared/project-vocabulary.js';

/** A calendar date `YYYY-MM-DD` that exists. */
export const dateSchema = z
  .string()
  .regex(/^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, '日期格式须为 YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, '日期不存在');

// 1e13 元 (10万亿) is beyond any single project; the bound keeps sums finite.
const money = z.number({ error: '须为数字' }).finite('须为有限数值').min(0, '金额不能为负数').max(1e13, '金额超出范围');
const year = z.number().int().min(1990, '年份须在1990–2100之间').max(2100, '年份须在1990–2100之间');
const month = z.number().int('月份须为1–12的整数').min(1, '月份须为1–12').max(12, '月份须为1–12');
const regionCode = z.string().regex(/^[0-9]{9}$/, '须为镇街编码(9位)');
const departmentCode = z.string().regex(/^[A-Z][A-Z0-9_]{1,31}$/, '部门编码格式不正确');
const tagCode = z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, '分类编码须为小写字母开头的字母数字');
const version = z.number().int().positive();

/** A project's code, e.g. `GL2026-001`. */
export const projectCodeSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, '项目编号须为字母、数字、-、_ 组成,不超过32位');

/** Planned (and, on creation, already known actual) dates of one stage. */
export const milestoneInputSchema = z.strictObject({
  stage: z.enum(PROJECT_STAGES),
  plannedDate: dateSchema.nullable().optional(),
  actualDate: dateSchema.nullable().optional(),
});

const projectFields = {
  name: z.string().trim().min(1, '名称不能为空').max(100, '名称不超过100字'),
  level: z.enum(PROJECT_LEVELS),
  townCode: regionCode.nullable().optional(),
  ownerUnit: z.string().trim().min(1, '业主单位不能为空').max(100),
  ownerDepartmentCode: departmentCode.nullable().optional(),
  location: z.string().trim().max(200).optional(),
  totalInvestment: money,
  description: z.string().max(2000).optional(),
  tags: z.array(tagCode).max(10).optional(),
};

/** Body of `POST /api/projects`. Actual dates given here are history at creation (an import). */
export const createProjectSchema = z.strictObject({
  code: projectCodeSchema,
  ...projectFields,
  plannedThisYear: money.optional(),
  milestones: z.array(milestoneInputSchema).max(6).optional(),
});
/** Input of a new project. */
export type CreateProjectInput = z.infer<typeof createProjectSchema>;

/** Body of `PATCH /api/projects/:id`: details and planned dates; actual dates go through requests. */
export const updateProjectSchema = z.strictObject({
  version,
  name: projectFields.name.optional(),
  level: projectFields.level.optional(),
  townCode: projectFields.townCode,
  ownerUnit: projectFields.ownerUnit.optional(),
  ownerDepartmentCode: projectFields.ownerDepartmentCode,
  location: projectFields.location,
  totalInvestment: money.optional(),
  description: projectFields.description,
  tags: projectFields.tags,
  plannedDates: z.array(z.strictObject({ stage: z.enum(PROJECT_STAGES), plannedDate: dateSchema.nullable() })).max(6).optional(),
});
/** Input of a project change. */
export type UpdateProjectInput = z.infer<typeof updateProjectSchema>;

/** Query of the library. */
export const listProjectsQuerySchema = z.strictObject({
  year: z.coerce.number().pipe(year).optional(),
  month: z.coerce.number().pipe(month).optional(),
  level: z.enum(PROJECT_LEVELS).optional(),
  tag: tagCode.optional(),
  town: regionCode.optional(),
  stage: z.enum([...PROJECT_STAGES, 'none']).optional(),
  light: z.enum(PROJECT_LIGHTS as [ProjectLight, ...ProjectLight[]]).optional(),
  stall: z.enum(STALL_KINDS).optional(),
  department: departmentCode.optional(),
  q: z.string().max(100).optional(),
});
/** Filters of the library. */
export type ListProjectsQuery = z.infer<typeof listProjectsQuerySchema>;

/** Body of `PUT /api/projects/:id/plans/:year`. */
export const saveYearPlanSchema = z
  .strictObject({
    plannedInvestment: money,
    /** Planned investment of each month (12 amounts), optional. */
    monthlyPlan: z.array(money).length(12, '月度计划须为12个月').nullable().optional(),
    version: version.optional(),
  })
  .refine((p) => !p.monthlyPlan || Math.abs(p.monthlyPlan.reduce((a, b) => a + b, 0) - p.plannedInvestment) <= 1, {
    message: '月度计划之和须等于年度计划投资',
    path: ['monthlyPlan'],
  });
/** Input of a year plan. */
export type SaveYearPlanInput = z.infer<typeof saveYearPlanSchema>;

/** Body of `POST /api/projects/:id/reports`. */
export const reportSchema = z.strictObject({
  year,
  month,
  /** Investment completed in that month, 元. */
  completedInvestment: money,
  progressPercent: z.number().min(0, '形象进度须在0–100之间').max(100, '形象进度须在0–100之间').nullable().optional(),
  progress: z.string().max(1000).optional(),
  note: z.string().max(1000).optional(),
});
/** Input of a monthly report. */
export type ReportInput = z.infer<typeof reportSchema>;

/** Body of `POST /api/projects/:id/stage-requests`. */
export const stageRequestSchema = z.strictObject({
  stage: z.enum(PROJECT_STAGES),
  actualDate: dateSchema,
  note: z.string().max(500).optional(),
});
/** Input of a stage request. */
export type StageRequestInput = z.infer<typeof stageRequestSchema>;

/** Body of `POST /api/projects/stage-requests/:id/decision`. */
export const decisionSchema = z.strictObject({
  approve: z.boolean(),
  note: z.string().max(500).optional(),
  version,
});
/** Input of a decision. */
export type DecisionInput = z.infer<typeof decisionSchema>;

/** Body of `POST /api/projects/:id/problems`. */
export const problemSchema = z.strictObject({
  title: z.string().trim().min(1, '问题标题不能为空').max(100),
  description: z.string().max(2000).optional(),
  deadline: dateSchema.optional(),
  /** The lead department, only for a district-wide project without an owner department (else the project decides). */
  leadDepartmentCode: z.string().trim().min(1).max(40).optional(),
});
/** Input of a problem. */
export type ProblemInput = z.infer<typeof problemSchema>;

/** Body of `PUT /api/projects/tags/:code`. */
export const saveTagSchema = z.strictObject({
  name: z.string().trim().min(1, '名称不能为空').max(20),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
  active: z.boolean().optional(),
  version: version.optional(),
});
/** Input of a tag change. */
export type SaveTagInput = z.infer<typeof saveTagSchema>;
/** A tag code. */
export const tagCodeSchema = tagCode;

const whole = z.number().int('须为整数').min(0).max(120);
/** Body of `PUT /api/projects/settings`. */
export const thresholdsSchema = z
  .strictObject({
    yellowBehindPp: z.number().min(0).max(100),
    redBehindPp: z.number().min(0).max(100),
    startYellowMonthsLate: whole.min(1, '至少1个月'),
    startRedMonthsLate: whole.min(1, '至少1个月'),
  })
  .refine((t) => t.redBehindPp >= t.yellowBehindPp, { message: '红灯阈值须不小于黄灯阈值', path: ['redBehindPp'] })
  .refine((t) => t.startRedMonthsLate >= t.startYellowMonthsLate, { message: '红灯月数须不小于黄灯月数', path: ['startRedMonthsLate'] });
/** Input of the thresholds. */
export type ThresholdsInput = z.infer<typeof thresholdsSchema>;
