/**
 * zod schemas of the calendar operations.
 */
import { z } from 'zod';

const time = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, '时间格式须为 HH:MM');

/** A civil date. */
export const dateSchema = z
  .string()
  .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, '日期格式须为 YYYY-MM-DD')
  .refine((value) => {
    const d = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
  }, '不是有效的日期');

/** Body of `PUT /api/calendar/days/:date`. */
export const setDaySchema = z.strictObject({
  kind: z.enum(['holiday', 'workday']),
  name: z.string().trim().max(50).nullable().optional(),
});

/** Body of `PUT /api/calendar/hours`. */
export const setHoursSchema = z.strictObject({
  workingHours: z
    .array(z.strictObject({ start: time, end: time }))
    .min(1, '至少需要一个工作时段')
    .max(6, '最多6个工作时段')
    .superRefine((periods, ctx) => {
      // Each period must start before it ends and after the one before it ends.
      periods.forEach((p, i) => {
        if (p.start >= p.end) ctx.addIssue({ code: 'custom', path: [i, 'end'], message: `第${i + 1}个时段的结束时间须晚于开始时间` });
        const previous = periods[i - 1];
        if (previous && p.start < previous.end) {
          ctx.addIssue({ code: 'custom', path: [i, 'start'], message: `第${i + 1}个时段与第${i}个时段重叠或顺序颠倒` });
        }
      });
    }),
  weekendDays: z.array(z.number().int().min(1, '星期须为1–7').max(7, '星期须为1–7')).max(6, '至少要有一个工作日'),
  version: z.number().int().positive(),
});

/** The kinds of time limit (STANDARDS §4). */
export const LIMIT_KINDS = ['working_hours', 'working_days', 'natural_days', 'emergency_hours'] as const;

/** Query of the deadline calculator. */
export const deadlineQuerySchema = z.strictObject({
  start: z.iso.datetime({ offset: true, message: '须为带时区的 ISO 8601 时间' }),
  kind: z.enum(LIMIT_KINDS),
  amount: z.coerce.number().positive('须大于0').max(10_000),
});
