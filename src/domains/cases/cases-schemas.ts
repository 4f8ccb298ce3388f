/**
 * Request schemas of the cases API (one per operation; they also feed the OpenAPI document).
 */
import { z } from 'zod';
import {
  CASE_ACTIONS,
  CASE_CHANNELS,
  CASE_NATURES,
  CASE_STATES,
  CASE_URGENCIES,
  SATISFACTIONS,
} from '@/shared/case-vocabulary.js';
import { CASE_QUEUES } from './cases-service.js';

const limitKind = z.enum(['emergency_hours', 'working_hours', 'working_days', 'natural_days']);
/** A time limit. */
export const limitSchema = z.strictObject({ kind: limitKind, amount: z.number().positive().max(10_000) });
const stageLimits = z.strictObject({ dispatch: limitSchema, handle: limitSchema, check: limitSchema, total: limitSchema });

/** A category as created or edited. */
export const categoryBodySchema = z.strictObject({
  code: z.string().regex(/^(BJ|SJ)[0-9]{2}([0-9]{2})?$/, '分类编码须为 BJ/SJ + 2 位大类 (+ 2 位小类)'),
  name: z.string().trim().min(1).max(100),
  registerCondition: z.string().max(1000).nullable().default(null),
  closeCondition: z.string().max(1000).nullable().default(null),
  departmentCode: z.string().max(32).nullable().default(null),
  townDepartments: z.record(z.string().regex(/^[0-9]{9}$/), z.string().max(32)).default({}),
  limits: z.strictObject({ normal: stageLimits, urgent: stageLimits }).nullable().default(null),
  active: z.boolean().default(true),
  version: z.number().int().positive().optional(),
});

const coordinate = (max: number) => z.number().min(-max).max(max).nullable().optional();

/** One case reported through the REST API. */
export const caseBodySchema = z.strictObject({
  channel: z.enum(CASE_CHANNELS),
  description: z.string().trim().min(1, '请填写问题描述').max(4000, '问题描述不能超过 4000 个字符'),
  nature: z.enum(CASE_NATURES).nullable().optional(),
  categoryCode: z.string().regex(/^(BJ|SJ)[0-9]{4}$/, '事件分类编码须为 BJ/SJ + 4 位数字').nullable().optional(),
  urgency: z.enum(CASE_URGENCIES).nullable().optional(),
  lon: coordinate(180),
  lat: coordinate(90),
  address: z.string().max(500).nullable().optional(),
  townCode: z.string().regex(/^[0-9]{9}$/).nullable().optional(),
  reporterName: z.string().max(50).nullable().optional(),
  reporterPhone: z.string().regex(/^[0-9+\- ]{5,20}$/, '电话号码格式不正确').nullable().optional(),
  externalId: z.string().trim().min(1).max(64).nullable().optional(),
  occurredAt: z.iso.datetime({ offset: true }).nullable().optional(),
  attachmentIds: z.array(z.uuid()).max(9).optional(),
});

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)));

/** Filters of the case list. */
export const caseListQuerySchema = z.strictObject({
  queue: z.enum(CASE_QUEUES).optional(),
  status: csv(CASE_STATES).optional(),
  town: z.string().regex(/^[0-9]{9}$/).optional(),
  region: z.string().regex(/^[0-9]{6,17}$/).optional(),
  department: z.string().max(32).optional(),
  category: z.string().regex(/^(BJ|SJ)[0-9]{2}([0-9]{2})?$/).optional(),
  channel: z.enum(CASE_CHANNELS).optional(),
  sla: z.enum(['yellow', 'red']).optional(),
  /** Past the whole case's deadline (marked by the sweep): the cockpit's 超期在办 counts these. */
  overdue: z.enum(['true']).optional(),
  q: z.string().max(100).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(['received_desc', 'received_asc', 'deadline_asc']).optional(),
});

const actionParams = {
  note: z.string().max(2000).nullable().optional(),
  departmentCode: z.string().max(32).nullable().optional(),
  assigneeId: z.uuid().nullable().optional(),
  amount: z.number().int().min(1).max(30).nullable().optional(),
  mergeInto: z.number().int().positive().nullable().optional(),
  satisfaction: z.enum(SATISFACTIONS).nullable().optional(),
  categoryCode: z.string().regex(/^(BJ|SJ)[0-9]{4}$/).nullable().optional(),
  urgency: z.enum(CASE_URGENCIES).nullable().optional(),
  attachmentIds: z.array(z.uuid()).max(9).optional(),
  /** 立案 of a case from the unrouted queue: the town it belongs to. */
  townCode: z.string().regex(/^[0-9]{9}$/).nullable().optional(),
};

/** One workflow step. */
export const actionBodySchema = z.strictObject({ action: z.enum(CASE_ACTIONS), version: z.number().int().positive(), ...actionParams });

/** One step on many cases. */
export const bulkActionBodySchema = z.strictObject({
  action: z.enum(CASE_ACTIONS),
  cases: z.array(z.strictObject({ id: z.number().int().positive(), version: z.number().int().positive() })).min(1).max(200),
  ...actionParams,
});

/** The metrics query. */
export const metricsQuerySchema = z.strictObject({
  region: z.string().regex(/^[0-9]{6,17}$/).optional(),
  from: z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, '月份格式为 YYYY-MM'),
  to: z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, '月份格式为 YYYY-MM'),
  groupBy: z.enum(['region', 'department', 'category', 'channel', 'month']).default('region'),
});

/** A case number in a path. */
export const caseIdParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
