/**
 * The cockpit's inputs, one schema per operation. An unknown metric is a 400 naming `metric`.
 */
import { z } from 'zod';
import { COCKPIT_METRICS } from '@/shared/cockpit-vocabulary.js';

const regionCode = z.string().regex(/^[0-9]{6,17}$/, '区域编码为 6 至 17 位数字');

/** GET /api/cockpit. */
export const cockpitQuerySchema = z.strictObject({
  region: regionCode.optional(),
  metric: z.enum(COCKPIT_METRICS, { error: `指标须为 ${COCKPIT_METRICS.join('、')} 之一` }).default('on_time_closure_rate'),
});

/** GET /api/cockpit/overdue. */
export const overdueQuerySchema = z.strictObject({
  region: regionCode.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

/** GET /api/cockpit/programmes. */
export const programmesQuerySchema = z.strictObject({ region: regionCode.optional() });

/**
 * GET /api/cockpit/live (server-sent events). `since` is the `seq` of the cockpit the page
 * shows: a change after it is told at once, even one made before the stream connected.
 */
export const liveQuerySchema = z.strictObject({
  region: regionCode.optional(),
  since: z.coerce.number({ error: 'since 须为非负整数' }).int('since 须为非负整数').min(0, 'since 须为非负整数').optional(),
});

/** POST /api/public/portal/reports. */
export const publicReportSchema = z.strictObject({
  serviceCode: z.string().min(1, '请选择问题类别').max(32),
  description: z.string().trim().min(5, '请至少用 5 个字描述问题').max(2000, '描述不能超过 2000 字'),
  lon: z.number().min(-180).max(180).nullish(),
  lat: z.number().min(-90).max(90).nullish(),
  address: z.string().trim().max(200, '地址不能超过 200 字').nullish(),
  contactPhone: z
    .string()
    .trim()
    .regex(/^(1[3-9][0-9]{9})?$/, '请填写 11 位手机号码,或留空')
    .nullish(),
});

/** GET /api/public/portal/reports/:ref: a report number or its token. */
export const publicReportParams = z.object({
  ref: z.string().trim().regex(/^([0-9]{1,15}|[A-Za-z0-9_-]{8,100})$/, '请输入受理编号或查询码'),
});
