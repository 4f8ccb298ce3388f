/**
 * `shuzhi cases …`: bulk import of hotline exports, case lists and details, metrics, the
 * overdue sweep and the roll-up check.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Presets, SingleBar } from 'cli-progress';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { importHotlineCases } from '@/domains/cases/case-import-service.js';
import { checkRollups, getCaseMetrics, type MetricsGroupBy } from '@/domains/cases/case-metrics-service.js';
import { getCase, listCases, sweepOverdueCases } from '@/domains/cases/cases-service.js';
import { hotlineFormatOf } from '@/domains/cases/hotline-sheet.js';
import { districtOfActor } from '@/domains/regions/regions-service.js';
import { systemActor } from '@/shared/actor.js';
import { CHANNEL_LABELS, STATE_LABELS } from '@/shared/case-vocabulary.js';
import { AppError } from '@/shared/errors.js';
import { withContext } from './cli-support.js';

const month = (v: string) => {
  if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(v)) throw new InvalidArgumentError('月份格式为 YYYY-MM');
  return v;
};
const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);

/** Adds the `cases` commands to the program. */
export function addCaseCommands(program: Command): void {
  const cases = program.command('cases').description('事件闭环 Cases');

  cases
    .command('import <file>')
    .description('导入12345工单导出文件(CSV 或 XLSX)Import a hotline export')
    .option('--district <code>', '区县编码(有多个区县时)')
    .addOption(new Option('--format <format>', '文件格式(默认按扩展名)').choices(['csv', 'xlsx']))
    .option('--report <n>', '列出的错误行数上限', '50')
    .action(async (file: string, opts: { district?: string; format?: 'csv' | 'xlsx'; report: string }) => {
      const format = opts.format ?? hotlineFormatOf(file);
      if (!format) throw new AppError('VALIDATION_FAILED', 'unknown format', { field: 'file', userMessage: '无法从扩展名判断格式,请用 --format 指定 csv 或 xlsx' });
      const size = (await stat(file)).size;
      await withContext(async (ctx) => {
        const bar = new SingleBar({ format: '导入 |{bar}| {percentage}% {read} 行 · 入库 {imported} · 重复 {duplicates} · 错误 {rejected}', hideCursor: true }, Presets.shades_classic);
        const stream = createReadStream(file);
        let bytes = 0;
        stream.on('data', (chunk) => {
          bytes += chunk.length;
        });
        const interactive = process.stderr.isTTY === true;
        if (interactive) bar.start(size, 0, { read: 0, imported: 0, duplicates: 0, rejected: 0 });
        const started = Date.now();
        const report = await importHotlineCases({
          db: ctx.db,
          cache: ctx.cases,
          actor: systemActor(),
          input: stream,
          format,
          fileName: file,
          district: opts.district,
          maxReported: Number(opts.report) || 50,
          onProgress: (p) => {
            if (interactive) bar.update(Math.min(bytes, size), p);
          },
        });
        if (interactive) {
          bar.update(size);
          bar.stop();
        }
        const seconds = (Date.now() - started) / 1000;
        process.stdout.write(
          `共 ${report.total} 行:入库 ${report.imported},重复(已存在)${report.duplicates},错误 ${report.rejectedCount}(${seconds.toFixed(1)} 秒,${Math.round(report.total / Math.max(seconds, 0.001))} 行/秒)\n`,
        );
        for (const r of report.rejected) process.stdout.write(`  第 ${r.row} 行 [${r.field}] ${r.code}:${r.message}\n`);
        if (report.rejectedCount > report.rejected.length) process.stdout.write(`  ……另有 ${report.rejectedCount - report.rejected.length} 处错误未列出\n`);
        if (report.rejectedCount > 0) process.exitCode = 2;
      });
    });

  cases
    .command('list')
    .description('案件列表 Cases')
    .option('--status <list>', '状态(逗号分隔)')
    .option('--town <code>', '镇街编码')
    .option('--limit <n>', '条数', '20')
    .action(async (opts: { status?: string; town?: string; limit: string }) => {
      await withContext(async (ctx) => {
        const { items, total } = await listCases({
          db: ctx.db,
          cache: ctx.cases,
          actor: systemActor(),
          filters: { status: opts.status?.split(',') as never, town: opts.town, page: 1, pageSize: Math.min(200, Number(opts.limit) || 20) },
        });
        for (const c of items) {
          process.stdout.write(`${c.id}  ${c.receivedAt.slice(0, 16)}  ${STATE_LABELS[c.status].padEnd(6)}  ${CHANNEL_LABELS[c.channel]}  ${c.townName ?? '未定位'}  ${c.description.slice(0, 30)}\n`);
        }
        process.stdout.write(`共 ${total} 件\n`);
      });
    });

  cases
    .command('show <id>')
    .description('案件详情 One case with its clocks and timeline')
    .action(async (id: string) => {
      await withContext(async (ctx) => {
        const c = await getCase({ db: ctx.db, cache: ctx.cases, actor: systemActor(), id: Number(id) });
        process.stdout.write(`${JSON.stringify(c, null, 2)}\n`);
      });
    });

  cases
    .command('metrics')
    .description('事件指标(结案率、按期结案率……)Case metrics')
    .option('--region <code>', '区域编码(默认全区)')
    .requiredOption('--from <YYYY-MM>', '起始月份', month)
    .requiredOption('--to <YYYY-MM>', '结束月份', month)
    .addOption(new Option('--group-by <dim>', '分组').choices(['region', 'department', 'category', 'channel', 'month']).default('region'))
    .option('--json', '输出 JSON')
    .action(async (opts: { region?: string; from: string; to: string; groupBy: MetricsGroupBy; json?: boolean }) => {
      await withContext(async (ctx) => {
        const report = await getCaseMetrics({ db: ctx.db, cache: ctx.cases, actor: systemActor(), region: opts.region, from: opts.from, to: opts.to, groupBy: opts.groupBy });
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
          return;
        }
        process.stdout.write(`${report.region.name} ${report.from}~${report.to}(来源:${report.source === 'rollup' ? '汇总表' : '案件明细'})\n`);
        process.stdout.write('分组\t受理\t应结\t结案率\t按期结案率\t按期处置率\t返工率\t满意率\t超时倍数\n');
        for (const g of [...report.groups, { key: '', label: '合计', metrics: report.totals }]) {
          const m = g.metrics;
          process.stdout.write(
            `${g.label}\t${m.received}\t${m.due}\t${percent(m.closureRate)}\t${percent(m.onTimeClosureRate)}\t${percent(m.onTimeHandlingRate)}\t${percent(m.reworkRate)}\t${percent(m.satisfactionRate)}\t${m.overtimeRatio === null ? '—' : m.overtimeRatio.toFixed(2)}\n`,
          );
        }
      });
    });

  cases
    .command('sweep')
    .description('标记超期案件并生成督办 Mark overdue cases and raise supervision notices')
    .action(async () => {
      await withContext(async (ctx) => {
        const marked = await sweepOverdueCases({ db: ctx.db });
        process.stdout.write(`新标记超期案件 ${marked} 件\n`);
      });
    });

  cases
    .command('verify-rollups')
    .description('以全量重算核对指标汇总表 Check the metric roll-up against a recomputation')
    .option('--district <code>', '区县编码(有多个区县时)')
    .option('--rebuild', '不一致时以重算结果替换')
    .action(async (opts: { district?: string; rebuild?: boolean }) => {
      await withContext(async (ctx) => {
        const districtCode = await districtOfActor({ db: ctx.db, actor: systemActor(), requested: opts.district });
        const check = await checkRollups({ db: ctx.db, districtCode, rebuild: opts.rebuild });
        process.stdout.write(`案件 ${check.cases} 件,汇总行 ${check.rows} 行,不一致 ${check.differences.length} 行${check.rebuilt ? '(已重建)' : ''}\n`);
        for (const d of check.differences.slice(0, 20)) process.stdout.write(`  ${JSON.stringify(d)}\n`);
        if (check.differences.length > 0 && !check.rebuilt) process.exitCode = 7;
      });
    });
}
