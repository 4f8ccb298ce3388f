/**
 * `shuzhi indicators …`: the status table, spreadsheet import and export.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import stringWidth from 'string-width';
import { parseIndicatorSheet, readSheet, writeIndicatorWorkbook } from '@/domains/indicators/indicator-sheet.js';
import { periodSchema } from '@/domains/indicators/indicators-schemas.js';
import { getStatus, loadImportContext, loadYearForExport, storeImportedFigures } from '@/domains/indicators/indicators-service.js';
import { systemActor } from '@/shared/actor.js';
import { AppError } from '@/shared/errors.js';
import { withContext } from './cli-support.js';

const COLOUR_TEXT = { green: '绿', yellow: '黄', red: '红' } as const;

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

function percent(value: number | null, digits = 1): string {
  return value === null ? '—' : `${(value * 100).toFixed(digits)}%`;
}

/** A year option: an integer 1990–2100. */
function parseYear(value: string): number {
  const year = Number(value);
  if (!Number.isInteger(year) || year < 1990 || year > 2100) throw new InvalidArgumentError('年份须为1990–2100之间的整数');
  return year;
}

/** `增长7.0%` or `下降3.0%`, as reports write targets. */
function growthText(rate: number): string {
  return `${rate < 0 ? '下降' : '增长'}${percent(Math.abs(rate))}`;
}

/** Prints rows as a table whose columns line up for Chinese text. */
function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i] ?? 0)).join('  ').trimEnd();
  process.stdout.write(`${line(header)}\n${widths.map((w) => '─'.repeat(w)).join('  ')}\n`);
  for (const row of rows) process.stdout.write(`${line(row)}\n`);
}

/** Adds the `indicators` commands to the program. */
export function addIndicatorCommands(program: Command): void {
  const indicators = program.command('indicators').description('目标指标 Targets and indicators');

  indicators
    .command('status')
    .description('指标总览表 The status table of a region and period')
    .requiredOption('--region <code>', '区县或镇街编码')
    .option('--period <YYYY-MM>', '期间(默认:最近有数据的月份)')
    .action(async (opts: { region: string; period?: string }) => {
      const period = opts.period === undefined ? undefined : periodSchema.safeParse(opts.period);
      if (period && !period.success) {
        throw new AppError('VALIDATION_FAILED', 'bad period', { field: 'period', userMessage: period.error.issues[0]?.message });
      }
      await withContext(async (ctx) => {
        const status = await getStatus({ db: ctx.db, actor: systemActor(), regionCode: opts.region, period: period?.data });
        if (!status.period) {
          process.stdout.write(`${status.region.name} 还没有任何指标数据\n`);
          return;
        }
        const progress = status.timeProgress ?? 0;
        process.stdout.write(
          `${status.region.name}(${status.region.code}) ${status.year}年1–${status.month}月 指标完成情况  序时进度 ${percent(progress)}\n\n`,
        );
        printTable(
          ['指标', '年度目标', `1–${status.month}月累计`, '同比', '完成率', '超序时(pp)', '排名', '评价'],
          status.rows.map((row) => {
            const target = row.target
              ? [row.target.levelText, row.target.growth === null ? null : `${growthText(row.target.growth)}${row.target.qualifier ?? ''}`]
                  .filter(Boolean)
                  .join(',')
              : '—';
            const flagged = row.actual?.flagged ? ' ⚠待确认' : '';
            return [
              row.indicator.name,
              target,
              `${row.actual?.cumulativeText ?? '—'}${row.actual && row.reportingMonth !== status.month ? `(1–${row.reportingMonth}月)` : ''}${flagged}`,
              percent(row.actual?.yoy ?? null),
              percent(row.completion),
              row.aheadPp === null ? '—' : `${row.aheadPp >= 0 ? '+' : ''}${row.aheadPp.toFixed(1)}`,
              row.rank === null ? '—' : `${row.rank}/${row.rankOf}`,
              row.colour ? COLOUR_TEXT[row.colour] : '—',
            ];
          }),
        );
        if (status.month === 6) {
          const passed = status.rows.filter((r) => r.halfYear?.passed).length;
          const judged = status.rows.filter((r) => r.halfYear).length;
          process.stdout.write(`\n双过半:${passed}/${judged} 项指标完成率达到50%\n`);
        }
      });
    });

  indicators
    .command('import <file>')
    .description('导入表格(.xlsx 或 .csv,指标×月份) Import figures; bad cells are reported, good ones kept')
    .option('--year <year>', '表中无“年份”列时的年份', parseYear)
    .option('--district <code>', '区县编码(有多个区县时)')
    .action(async (file: string, opts: { year?: number; district?: string }) => {
      const format = file.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
      const data = await readFile(file);
      let rows;
      try {
        rows = await readSheet(data, format);
      } catch (error) {
        throw new AppError('VALIDATION_FAILED', `unreadable ${file}: ${String(error)}`, { userMessage: `无法读取 ${file}:请确认是 .xlsx 或 UTF-8 的 .csv` });
      }
      await withContext(async (ctx) => {
        const actor = systemActor();
        const context = await loadImportContext({ db: ctx.db, actor, districtCode: opts.district });
        const parsed = parseIndicatorSheet(rows, { ...context, defaultYear: opts.year });
        const stored = await storeImportedFigures({ db: ctx.db, actor, districtCode: context.districtCode, figures: parsed.figures });
        const rejected = [...parsed.rejected, ...stored.rejected];
        process.stdout.write(`导入完成:写入 ${stored.accepted} 条,未变 ${stored.unchanged} 条,拒绝 ${rejected.length} 个单元格\n`);
        for (const w of stored.warnings) process.stdout.write(`  警告 ${w.cell}:${w.message}\n`);
        for (const p of rejected) process.stderr.write(`  拒绝 ${p.cell}(第${p.row}行 ${p.column}列):${p.message}\n`);
        if (rejected.length > 0) process.exitCode = 2;
      });
    });

  indicators
    .command('export')
    .description('导出一年的数据为 .xlsx(与导入格式相同) Export a year')
    .requiredOption('--year <year>', '年份', parseYear)
    .requiredOption('--out <file>', '输出文件')
    .option('--district <code>', '区县编码(有多个区县时)')
    .action(async (opts: { year: number; out: string; district?: string }) => {
      await withContext(async (ctx) => {
        const data = await loadYearForExport({ db: ctx.db, actor: systemActor(), year: opts.year, districtCode: opts.district });
        await writeFile(opts.out, await writeIndicatorWorkbook({ year: opts.year, ...data }));
        process.stdout.write(`已导出 ${data.actuals.length} 条数据到 ${opts.out}\n`);
      });
    });
}
