/**
 * Request schemas of the supervision API (one per operation; they also feed the OpenAPI
 * document, the CLI's checks, and the service's own check of what other domains pass in).
 */
import { z } from 'zod';
import {
  SATISFACTIONS,
  SUPERVISION_ACTIONS,
  SUPERVISION_COLOURS,
  SUPERVISION_SOURCES,
  SUPERVISION_STATES,
  UNIT_KINDS,
} from '@/shared/supervision-vocabulary.js';

const date = z.iso.date('日期须为 YYYY-MM-DD');
/** A unit that leads or assists. */
export const unitSchema = z.strictObject({
  kind: z.enum(UNIT_KINDS, '单位类型须为 department(部门)或 region(镇街)'),
  code: z.string().trim().min(1, '请选择单位').max(40),
});

/** Raising an item (立项): the board's `raiseSupervisionItem`, and `raiseProjectSupervisionItem` for the projects domain. */
export const raiseItemSchema = z.strictObject({
  sourceType: z.enum(SUPERVISION_SOURCES, '来源类型不正确'),
  sourceId: z.string().trim().min(1).max(200).nullable().default(null),
  title: z.string().trim().min(1, '请填写督办事项标题').max(200, '标题不能超过 200 个字符'),
  description: z.string().trim().max(5000, '内容不能超过 5000 个字符').default(''),
  regionCode: z.string().regex(/^[0-9]{6,24}$/, '区域编码不正确'),
  leadUnit: unitSchema,
  assistingUnits: z.array(unitSchema).max(20, '协办单位不超过 20 个').default([]),
  deadline: date,
  feedbackIntervalDays: z.number().int().min(1, '反馈周期至少 1 天').max(365).nullable().optional(),
  /** For 人大代表建议: the deputy's name, and their account when they have one (they then see and rate it). */
  deputyName: z.string().trim().min(1).max(50).nullable().optional(),
  deputyUserId: z.string().min(1).max(64).nullable().optional(),
  /** Assign (交办) at once. */
  assign: z.boolean().optional(),
});
/** Input of {@link raiseItemSchema}. */
export type RaiseItemInput = z.input<typeof raiseItemSchema>;

/** An action on an item. */
export const itemActionSchema = z.strictObject({
  action: z.enum(SUPERVISION_ACTIONS, '操作不正确'),
  version: z.number().int().positive('请提供数据版本 version'),
  note: z.string().trim().max(5000, '说明不能超过 5000 个字符').nullable().optional(),
  progress: z.number().int().min(0, '进度为 0–100').max(100, '进度为 0–100').nullable().optional(),
  /** 见面 / 答复 date. */
  date: date.nullable().optional(),
  satisfaction: z.enum(SATISFACTIONS, '评价须为 满意/基本满意/不满意').nullable().optional(),
  /** 交办 may set a new deadline and feedback interval. */
  deadline: date.nullable().optional(),
  feedbackIntervalDays: z.number().int().min(1).max(365).nullable().optional(),
});
/** Input of {@link itemActionSchema}. */
export type ItemActionInput = z.infer<typeof itemActionSchema>;

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').filter(Boolean) : undefined))
    .pipe(z.array(z.enum(values)).optional());

/** The item list's filters. */
export const listItemsQuerySchema = z.strictObject({
  state: csv(SUPERVISION_STATES),
  colour: csv(SUPERVISION_COLOURS),
  source: csv(SUPERVISION_SOURCES),
  unit: z
    .string()
    .regex(/^(department|region):[A-Za-z0-9_-]{1,40}$/, '单位须写成 department:CG 或 region:330109112')
    .optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
/** Parsed {@link listItemsQuerySchema}. */
export type ListItemsQuery = z.infer<typeof listItemsQuerySchema>;

/** Sources the board offers for 立项督办. */
export const SOURCE_KINDS = ['case', 'indicator', 'project'] as const;
/** The sources query. */
export const sourcesQuerySchema = z.strictObject({
  kind: z.enum(SOURCE_KINDS, '来源须为 case、indicator 或 project'),
  period: z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, '期间须为 YYYY-MM').optional(),
});

/** 立项督办 from sources, one or many (bulk). */
export const raiseFromSourcesSchema = z.strictObject({
  sources: z
    .array(z.strictObject({ kind: z.enum(SOURCE_KINDS), id: z.string().min(1).max(200) }))
    .min(1, '请至少选择一条来源')
    .max(500, '一次最多立项 500 条'),
  deadline: date,
  feedbackIntervalDays: z.number().int().min(1).max(365).nullable().optional(),
  assign: z.boolean().optional(),
});
/** Input of {@link raiseFromSourcesSchema}. */
export type RaiseFromSourcesInput = z.infer<typeof raiseFromSourcesSchema>;

/** The ratings query. */
export const ratingsQuerySchema = z.strictObject({
  period: z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, '期间须为 YYYY-MM').optional(),
});
