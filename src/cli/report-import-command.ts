/**
 * `shuzhi report import FILE --region CODE`: reads a report, shows the indicator records it
 * proposes (numbered), and stores the ones accepted: those at or above the confidence bar,
 * less any dropped with --drop, after a yes at the prompt (or --yes).
 */
import { basename } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { InvalidArgumentError, type Command } from 'commander';
import stringWidth from 'string-width';
import { readReportFile } from '@/domains/reports/report-input.js';
import { importReport, proposeReportImport } from '@/domains/reports/report-import-service.js';
import { ACCEPT_BY_DEFAULT, PROPOSAL_FIELD_LABELS } from '@/domains/reports/report-matching.js';
import { systemActor } from '@/shared/actor.js';
import { withContext } from './cli-support.js';

function integer(min: number, max: number, what: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${what}须为 ${min}–${max} 的整数`);
    return n;
  };
}

function numberList(value: string): number[] {
  const items = value.split(/[,，\s]+/).filter(Boolean).map(Number);
  if (items.some((n) => !Number.isInteger(n) || n < 1)) throw new InvalidArgumentError('须为逗号分隔的序号,如 3,5');
  return items;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

/** The year a report is of: the first 20xx年 of its file name or text, else this year. */
function guessYear(fileName: string, text: string): number {
  const match = /(20\d{2})/.exec(fileName) ?? /(20\d{2})年/.exec(text);
  return match ? Number(match[1]) : new Date().getFullYear();
}

/** Adds `import` under the `report` command. */
export function addReportImportCommand(report: Command): void {
  report
    .command('import <file>')
    .description('从报告导入指标数据:识别数据、匹配指标、确认后写入 Import figures from a report')
    .requiredOption('--region <code>', '区域编码(区县或镇街)')
    .option('--year <year>', '报告年度(默认取文件名或正文中的年份)', integer(1990, 2100, '年度'))
    .option('--month <month>', '数据截至月份(句中未写期间时使用)', integer(1, 12, '月份'), 12)
    .option('--title <title>', '报告标题(默认为文件名)')
    .option('--drop <numbers>', '不导入的序号,如 3,5', numberList, [] as number[])
    .option('--min-confidence <n>', '自动选中的最低匹配度(0–1)', (v) => {
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('须为 0–1 之间的数');
      return n;
    }, ACCEPT_BY_DEFAULT)
    .option('--yes', '不询问,直接导入选中的记录')
    .action(async (file: string, opts: { region: string; year?: number; month: number; title?: string; drop: number[]; minConfidence: number; yes?: boolean }) => {
      const text = await readReportFile(file);
      const year = opts.year ?? guessYear(basename(file), text);
      await withContext(async (ctx) => {
        const actor = systemActor();
        const proposals = await proposeReportImport({ db: ctx.db, actor, text, regionCode: opts.region, year, month: opts.month });
        const names = new Map(proposals.indicators.map((i) => [i.code, i]));
        const candidates = proposals.proposals.filter((p) => p.indicatorCode && p.field && p.value !== null && p.confidence > 0);
        process.stdout.write(`${proposals.region.name} ${year}年:识别数据 ${proposals.mentions.length} 处,可对应指标 ${candidates.length} 条\n\n`);
        const chosen = new Set<number>();
        candidates.forEach((p, i) => {
          const n = i + 1;
          const take = p.confidence >= opts.minConfidence && !opts.drop.includes(n);
          if (take) chosen.add(i);
          const m = proposals.mentions[p.mention];
          const indicator = names.get(p.indicatorCode as string);
          const shown =
            p.field === 'actual_yoy' || p.field === 'target_growth'
              ? `${((p.value as number) * 100).toFixed(2)}%`
              : `${p.value} ${indicator?.baseUnit ?? ''}`;
          const period = p.month ? `${p.year}年1—${p.month}月` : `${p.year}年`;
          process.stdout.write(
            `${take ? '✓' : ' '} ${String(n).padStart(3)}  ${pad(m?.text ?? '', 14)} ${pad(indicator?.name ?? '', 22)} ${pad(PROPOSAL_FIELD_LABELS[p.field as keyof typeof PROPOSAL_FIELD_LABELS], 16)} ${pad(period, 14)} ${pad(shown, 18)} ${(p.confidence * 100).toFixed(0)}%\n`,
          );
        });
        if (chosen.size === 0) {
          process.stdout.write('\n没有选中的记录,未写入任何数据。\n');
          return;
        }
        if (!opts.yes) {
          if (!process.stdin.isTTY) {
            process.stdout.write(`\n选中 ${chosen.size} 条(✓)。确认无误后加 --yes 导入;用 --drop 去掉个别序号。\n`);
            return;
          }
          const rl = createInterface({ input: process.stdin, output: process.stdout });
          const answer = await rl.question(`\n导入选中的 ${chosen.size} 条?[y/N] `);
          rl.close();
          if (!/^y(es)?$/i.test(answer.trim())) {
            process.stdout.write('已取消,未写入任何数据。\n');
            return;
          }
        }
        const records = candidates
          .filter((_, i) => chosen.has(i))
          .map((p) => ({
            span: proposals.mentions[p.mention]?.span as [number, number],
            indicatorCode: p.indicatorCode as string,
            field: p.field as NonNullable<typeof p.field>,
            year: p.year,
            month: p.month,
            value: p.value as number,
          }));
        const result = await importReport({
          db: ctx.db,
          actor,
          input: { regionCode: opts.region, title: opts.title ?? basename(file).replace(/\.[^.]+$/, ''), fileName: basename(file), year, month: opts.month, text, mentions: proposals.mentions.length, records },
        });
        const count = (o: string) => result.records.filter((r) => r.outcome === o).length;
        process.stdout.write(`\n已导入报告#${result.document.id}:写入 ${count('stored')} 条,未变 ${count('unchanged')} 条,被拒 ${count('rejected')} 条\n`);
        for (const r of result.records.filter((x) => x.message)) process.stdout.write(`  第${r.seq + 1}条 ${r.indicatorName}:${r.message}\n`);
      });
    });
}
