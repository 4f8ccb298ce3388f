/**
 * zod schemas of the indicators operations, shared by HTTP and CLI.
 */
import { z } from 'zod';

const code = z.string().regex(/^[A-Z][A-Z0-9_]{1,31}$/, '指标编码格式不正确');
const regionCode = z.string().regex(/^[0-9]{6}([0-9]{3})?$/, '须为区县或镇街编码');
const year = z.number().int().min(1990, '年份须在1990–2100之间').max(2100, '年份须在1990–2100之间');
const month = z.number().int('月份须为1–12的整数').min(1, '月份须为1–12').max(12, '月份须为1–12');
/** A growth rate as a fraction: −100% (exclusive) to +10,000%. */
const rate = z
  .number()
  .gt(-1, '增长率须大于-100%')
  .lte(100, '增长率不能超过10000%');
// 1e15 in any display unit (亿元 included) is beyond any district's figures, and keeps every
// product and ratio computed from it finite.
const quantity = z.strictObject({
  value: z.number().finite('须为有限数值').min(-1e15, '数值超出范围').max(1e15, '数值超出范围'),
  unit: z.string().min(1).max(20),
});
/** A target level: positive, since completion is divided by it. */
const targetQuantity = quantity.extend({ value: z.number().finite('须为有限数值').gt(0, '目标值须大于0').max(1e15, '数值超出范围') });

/** `YYYY-MM`, e.g. `2021-05`. */
export const periodSchema = z
  .string()
  .regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, '期间格式须为 YYYY-MM,月份1–12')
  .transform((value) => ({ year: Number(value.slice(0, 4)), month: Number(value.slice(5, 7)) }));

/** Query of the status table. */
export const statusQuerySchema = z.strictObject({ region: regionCode, period: periodSchema.optional() });

/** Query of one indicator's series. */
export const seriesQuerySchema = z.strictObject({ region: regionCode, year: z.coerce.number().pipe(year) });

/** Query of a ranking or the board. */
export const periodQuerySchema = z.strictObject({ period: periodSchema });

/** Body of `PUT /api/indicators/targets`. */
export const saveTargetSchema = z.strictObject({
  indicatorCode: code,
  regionCode,
  year,
  level: targetQuantity.nullable().optional(),
  growth: rate.nullable().optional(),
  qualifier: z.enum(['以上', '力争', '左右', '确保', '以内']).nullable().optional(),
  note: z.string().max(500).nullable().optional(),
  version: z.number().int().positive().optional(),
});
/** Input of a target change. */
export type SaveTargetInput = z.infer<typeof saveTargetSchema>;

/** Body of `POST /api/indicators/actuals`. */
export const reportActualSchema = z.strictObject({
  indicatorCode: code,
  regionCode,
  year,
  month,
  cumulative: quantity.optional(),
  yoy: rate.optional(),
  prior: quantity.optional(),
  source: z.string().max(200).optional(),
});
/** Input of a reported figure. */
export type ReportActualInput = z.infer<typeof reportActualSchema>;

/** The key of one figure. */
export const actualKeySchema = z.strictObject({ indicatorCode: code, regionCode, year, month });

/** Query of a figure's history. */
export const historyQuerySchema = z.strictObject({
  indicator: code,
  region: regionCode,
  year: z.coerce.number().pipe(year),
  month: z.coerce.number().pipe(month),
});

/** Body of `PUT /api/indicators/catalogue/:code`. */
export const saveIndicatorSchema = z.strictObject({
  name: z.string().trim().min(1, '名称不能为空').max(100),
  displayUnit: z.string().min(1).max(20),
  kind: z.enum(['level', 'growth', 'ratio']),
  priceBasis: z.enum(['current', 'comparable']).nullable(),
  frequency: z.enum(['monthly_cumulative', 'quarterly', 'annual']),
  direction: z.enum(['higher', 'lower']),
  ownerDepartmentCode: z.string().regex(/^[A-Z][A-Z0-9_]{1,31}$/).nullable().optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
  version: z.number().int().positive().optional(),
});
/** Input of a catalogue change. */
export type SaveIndicatorInput = z.infer<typeof saveIndicatorSchema>;

const pp = z.number().min(0, '须为非负的百分点').max(100, '不超过100个百分点');

/** Body of `PUT /api/indicators/thresholds`: the rating thresholds in percentage points. */
export const thresholdsSchema = z
  .strictObject({ yellowBehindPp: pp, redBehindPp: pp, growthYellowBelowPp: pp, growthRedBelowPp: pp })
  .refine((t) => t.redBehindPp >= t.yellowBehindPp, { message: '红灯阈值须不小于黄灯阈值', path: ['redBehindPp'] })
  .refine((t) => t.growthRedBelowPp >= t.growthYellowBelowPp, { message: '红灯阈值须不小于黄灯阈值', path: ['growthRedBelowPp'] });
