/**
 * `shuzhi report scorecard`: writes a region's 成绩单 for a period from live data.
 */
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { SCORECARD_FORMATS, type ScorecardFormat } from '@/domains/reports/scorecard-render.js';
import { requirePeriod, writeScorecard } from '@/domains/reports/scorecard-service.js';
import { systemActor } from '@/shared/actor.js';
import { withContext } from './cli-support.js';

/** Adds `scorecard` under the `report` command. */
export function addScorecardCommand(report: Command): void {
  report
    .command('scorecard')
    .description('生成成绩单(docx/md/html),数据全部取自平台实时数据 Write the scorecard of a region')
    .requiredOption('--region <code>', '区域编码(区县或镇街)')
    .requiredOption('--period <period>', '期间:2023-H1、2023-Q3、2023-10 或 2023')
    .addOption(new Option('--format <format>', '格式').choices(SCORECARD_FORMATS).default('docx'))
    .option('--out <file>', '输出文件(默认为成绩单标题;md/html 可用 - 输出到屏幕)')
    .action(async (opts: { region: string; period: string; format: ScorecardFormat; out?: string }) => {
      // Checked before opening the database, so a typo fails at once.
      requirePeriod(opts.period);
      await withContext(async (ctx) => {
        const file = await writeScorecard({
          db: ctx.db,
          cache: ctx.cases,
          actor: systemActor(),
          regionCode: opts.region,
          period: opts.period,
          format: opts.format,
        });
        if (opts.out === '-' && opts.format !== 'docx') {
          process.stdout.write(file.body.toString('utf8'));
          return;
        }
        const target = opts.out && opts.out !== '-' ? opts.out : file.filename;
        await writeFile(target, file.body);
        process.stdout.write(`已生成 ${target}(${(file.body.length / 1024).toFixed(1)} KB,红色事项 ${file.redItems} 项)\n`);
      });
    });
}
