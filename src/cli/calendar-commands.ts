/**
 * `shuzhi calendar …`: special days, iCalendar import and the deadline calculator.
 */
import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { calculateDeadline, importIcs, listSpecialDays } from '@/domains/calendar/calendar-service.js';
import { LIMIT_KINDS, deadlineQuerySchema } from '@/domains/calendar/calendar-schemas.js';
import { districtOfActor } from '@/domains/regions/regions-service.js';
import { systemActor } from '@/shared/actor.js';
import { AppError } from '@/shared/errors.js';
import { withContext } from './cli-support.js';

/** Adds the `calendar` commands to the program. */
export function addCalendarCommands(program: Command): void {
  const calendar = program.command('calendar').description('工作日历 The working calendar');

  calendar
    .command('days')
    .description('某年的节假日与调休上班日 Special days of a year')
    .requiredOption('--year <year>', '年份', (v) => {
      const year = Number(v);
      if (!Number.isInteger(year) || year < 1990 || year > 2100) throw new InvalidArgumentError('年份须为1990–2100之间的整数');
      return year;
    })
    .option('--district <code>', '区县编码(有多个区县时)')
    .action(async (opts: { year: number; district?: string }) => {
      await withContext(async (ctx) => {
        const districtCode = await districtOfActor({ db: ctx.db, actor: systemActor(), requested: opts.district });
        const { days } = await listSpecialDays({ db: ctx.db, districtCode, year: opts.year });
        for (const d of days) process.stdout.write(`${d.date}  ${d.kind === 'holiday' ? '休' : '班'}  ${d.name ?? ''}\n`);
        process.stdout.write(`共 ${days.length} 天\n`);
      });
    });

  calendar
    .command('import <file>')
    .description('从 iCalendar (.ics) 导入节假日与调休 Import special days')
    .option('--district <code>', '区县编码(有多个区县时)')
    .action(async (file: string, opts: { district?: string }) => {
      const text = await readFile(file, 'utf8');
      await withContext(async (ctx) => {
        const actor = systemActor();
        const districtCode = await districtOfActor({ db: ctx.db, actor, requested: opts.district });
        const result = await importIcs({ db: ctx.db, actor, districtCode, text });
        process.stdout.write(`导入完成:新增/变更休息日 ${result.holidays},调休上班日 ${result.workdays},未变 ${result.unchanged}\n`);
        for (const r of result.rejected) process.stderr.write(`  跳过 ${r.event}:${r.message}\n`);
      });
    });

  calendar
    .command('deadline')
    .description('按工作日历计算时限 The deadline of a time limit')
    .requiredOption('--start <iso>', '起算时间,如 2024-02-09T16:00+08:00')
    .addOption(new Option('--kind <kind>', '时限类型').choices(LIMIT_KINDS).makeOptionMandatory())
    .requiredOption('--amount <n>', '数量')
    .option('--district <code>', '区县编码(有多个区县时)')
    .action(async (opts: { start: string; kind: string; amount: string; district?: string }) => {
      const query = deadlineQuerySchema.safeParse({ start: opts.start, kind: opts.kind, amount: opts.amount });
      if (!query.success) {
        const issue = query.error.issues[0];
        throw new AppError('VALIDATION_FAILED', issue?.message ?? 'invalid', { field: String(issue?.path[0] ?? ''), userMessage: issue?.message });
      }
      await withContext(async (ctx) => {
        const districtCode = await districtOfActor({ db: ctx.db, actor: systemActor(), requested: opts.district });
        const result = await calculateDeadline({ db: ctx.db, districtCode, start: new Date(query.data.start), kind: query.data.kind, amount: query.data.amount });
        process.stdout.write(`${result.explanation}\n${result.deadline}\n`);
      });
    });
}
