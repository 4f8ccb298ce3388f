/**
 * The working calendar over HTTP.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { districtOfActor } from '@/domains/regions/regions-service.js';
import { actorFrom } from '@/http/request-actor.js';
import type { AppContext } from '@/server/context.js';
import { AppError } from '@/shared/errors.js';
import { dateSchema, deadlineQuerySchema, setDaySchema, setHoursSchema } from './calendar-schemas.js';
import {
  calculateDeadline,
  clearSpecialDay,
  getCalendar,
  importIcs,
  listSpecialDays,
  setSpecialDay,
  setWorkingHours,
} from './calendar-service.js';

/** Registers `/api/calendar/*`. */
export async function registerCalendarRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.addContentTypeParser('text/calendar', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendar'];
  const district = async (request: Parameters<typeof actorFrom>[0]) => districtOfActor({ db: ctx.db, actor: actorFrom(request) });

  r.get('/api/calendar', { schema: { tags, summary: '工作日历 The district calendar' } }, async (request) =>
    getCalendar({ db: ctx.db, actor: actorFrom(request), districtCode: await district(request) }),
  );

  r.get(
    '/api/calendar/days',
    { schema: { tags, summary: '节假日与调休 Special days of a year', querystring: z.strictObject({ year: z.coerce.number().int().min(1990).max(2100) }) } },
    async (request) => listSpecialDays({ db: ctx.db, districtCode: await district(request), year: request.query.year }),
  );

  r.put(
    '/api/calendar/days/:date',
    { schema: { tags, summary: '设为休息日或调休上班日 Set a special day (admin)', params: z.object({ date: dateSchema }), body: setDaySchema } },
    async (request) =>
      setSpecialDay({
        db: ctx.db,
        actor: actorFrom(request),
        districtCode: await district(request),
        day: { date: request.params.date, kind: request.body.kind, name: request.body.name ?? null },
      }),
  );

  r.delete(
    '/api/calendar/days/:date',
    { schema: { tags, summary: '恢复为普通日期 Clear a special day (admin)', params: z.object({ date: dateSchema }) } },
    async (request) => clearSpecialDay({ db: ctx.db, actor: actorFrom(request), districtCode: await district(request), date: request.params.date }),
  );

  r.put(
    '/api/calendar/hours',
    { schema: { tags, summary: '工作时间 Working hours and weekend days (admin)', body: setHoursSchema } },
    async (request) => setWorkingHours({ db: ctx.db, actor: actorFrom(request), districtCode: await district(request), ...request.body }),
  );

  r.post(
    '/api/calendar/import',
    { schema: { tags, summary: '导入 iCalendar Import holidays and 调休 days (admin)', consumes: ['text/calendar'] } },
    async (request) => {
      if (typeof request.body !== 'string') {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send text/calendar', { userMessage: '请以 text/calendar 上传 .ics 文件' });
      }
      return importIcs({ db: ctx.db, actor: actorFrom(request), districtCode: await district(request), text: request.body });
    },
  );

  r.get(
    '/api/calendar/deadline',
    { schema: { tags, summary: '时限计算 The deadline of a time limit', querystring: deadlineQuerySchema } },
    async (request) =>
      calculateDeadline({
        db: ctx.db,
        districtCode: await district(request),
        start: new Date(request.query.start),
        kind: request.query.kind,
        amount: request.query.amount,
      }),
  );
}
