/**
 * `shuzhi livelihood …` (cycles, candidates, results and their CSV import) and
 * `shuzhi ballot …` (the deputies' ballot: live count, open, close, count and the result sheet).
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { resultSheetText, type ResultView } from '@/domains/livelihood/livelihood-presenter.js';
import {
  closeBallotSession,
  countBallotSession,
  getBallotSession,
  getCycle,
  getLiveCount,
  importResults,
  listCycles,
  listResults,
  openBallotSession,
} from '@/domains/livelihood/livelihood-service.js';
import { systemActor } from '@/shared/actor.js';
import { AppError } from '@/shared/errors.js';
import { withContext } from './cli-support.js';

function bar(progress: number, width = 20): string {
  const filled = Math.round((progress / 100) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

function printTree(results: ResultView[], indent = ''): void {
  for (const r of results) {
    const goal = r.goalText ? `  目标:${r.goalText}` : '';
    const achieved = r.achievedValue !== null ? `  已完成:${r.achievedValue}${r.goalUnit ?? ''}` : '';
    process.stdout.write(`${indent}${bar(r.progress)} ${r.progress.toFixed(1).padStart(5)}%  ${r.statusLabel}  ${r.title}${goal}${achieved}${r.children.length ? `(权重合计 ${r.children.reduce((s, c) => s + c.weight, 0)})` : ''}\n`);
    printTree(r.children, `${indent}    `);
  }
}

/** Adds the livelihood and ballot commands to the program. */
export function addLivelihoodCommands(program: Command): void {
  const livelihood = program.command('livelihood').description('民生实事 Livelihood projects');

  livelihood
    .command('list')
    .description('年度民生实事列表 Cycles')
    .action(async () => {
      await withContext(async (ctx) => {
        const cycles = await listCycles({ db: ctx.db, actor: systemActor() });
        for (const c of cycles) process.stdout.write(`${c.id}  ${c.year}  ${c.phaseLabel.padEnd(4, ' ')}  ${c.title}\n`);
        process.stdout.write(`共 ${cycles.length} 个年度\n`);
      });
    });

  livelihood
    .command('show <cycle>')
    .description('年度详情:候选项目与票决会议 A cycle with its candidates and sessions')
    .option('--json', '输出 JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      await withContext(async (ctx) => {
        const detail = await getCycle({ db: ctx.db, actor: systemActor(), id });
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(detail, null, 2)}\n`);
          return;
        }
        process.stdout.write(`${detail.cycle.title}(${detail.cycle.phaseLabel})\n\n候选项目:\n`);
        for (const c of detail.candidates) {
          process.stdout.write(`  ${c.id}  ${c.sourceLabel}  ${c.feasibilityLabel}  ${c.onBallot ? '列入票决' : '        '}  ${c.outcomeLabel ?? ''}  ${c.title}${c.costWan !== null ? `(${c.costWan}万元)` : ''}\n`);
        }
        process.stdout.write('\n票决会议:\n');
        for (const s of detail.sessions) process.stdout.write(`  ${s.id}  第${s.round}轮  ${s.statusLabel}  ${s.title}\n`);
      });
    });

  const results = livelihood.command('results').description('实施跟踪 Results of the chosen projects');

  results
    .command('show <cycle>')
    .description('事项树与加权进度 The result tree with weighted progress')
    .option('--json', '输出 JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      await withContext(async (ctx) => {
        const view = await listResults({ db: ctx.db, actor: systemActor(), cycleId: id });
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
          return;
        }
        process.stdout.write(`${view.cycle.title}:总体进度 ${view.progress.toFixed(1)}%\n`);
        printTree(view.results);
      });
    });

  results
    .command('import <file>')
    .description('从CSV导入事项(标题,上级,权重,状态,进度,目标,目标值,单位,完成值,开始日期,完成日期,责任部门)Import results from CSV')
    .requiredOption('--cycle <id>', '年度编号(shuzhi livelihood list)')
    .action(async (file: string, opts: { cycle: string }) => {
      const csv = await readFile(file, 'utf8');
      await withContext(async (ctx) => {
        const report = await importResults({ db: ctx.db, actor: systemActor(), cycleId: opts.cycle, csv });
        process.stdout.write(`新增 ${report.created} 项,更新 ${report.updated} 项,错误 ${report.rejected.length} 行\n`);
        for (const r of report.rejected) process.stdout.write(`  第 ${r.row} 行 [${r.field}]:${r.message}\n`);
        if (report.rejected.length > 0) process.exitCode = 2;
      });
    });

  const ballot = program.command('ballot').description('代表票决 The deputies\' ballot');

  ballot
    .command('live <session>')
    .description('实时计数:应到、实到、已投票 Live count')
    .action(async (id: string) => {
      await withContext(async (ctx) => {
        const live = await getLiveCount({ db: ctx.db, actor: systemActor(), sessionId: id });
        process.stdout.write(
          `${live.session.title}(${live.session.statusLabel})\n应到 ${live.roll} 人,实到 ${live.present} 人(需 ${live.quorumNeeded} 人,${live.quorumMet ? '已达法定人数' : '未达法定人数'}),已投票 ${live.voted} 人,票箱 ${live.ballots} 张\n`,
        );
      });
    });

  for (const [verb, run, label] of [
    ['open', openBallotSession, '开始投票 Open voting'],
    ['close', closeBallotSession, '结束投票 Close voting'],
  ] as const) {
    ballot
      .command(`${verb} <session>`)
      .description(label)
      .action(async (id: string) => {
        await withContext(async (ctx) => {
          const session = await run({ db: ctx.db, actor: systemActor(), sessionId: id });
          process.stdout.write(`${session.title}:${session.statusLabel}\n`);
        });
      });
  }

  ballot
    .command('count <session>')
    .description('计票并打印结果单(已截止的会议先计票;已计票的直接打印)Count a closed session and print the result sheet')
    .option('--close', '投票中的会议先结束投票')
    .option('--json', '输出 JSON')
    .action(async (id: string, opts: { close?: boolean; json?: boolean }) => {
      await withContext(async (ctx) => {
        const actor = systemActor();
        const found = await getBallotSession({ db: ctx.db, actor, sessionId: id });
        const cycle = found.cycle;
        let session = found.session;
        if (session.status === 'open' && opts.close) session = await closeBallotSession({ db: ctx.db, actor, sessionId: id });
        if (session.status === 'draft' || session.status === 'open') {
          throw new AppError('PHASE_NOT_ALLOWED', `session is ${session.status}`, { userMessage: `会议${session.statusLabel},请先结束投票(或加 --close)` });
        }
        if (session.status === 'closed') session = await countBallotSession({ db: ctx.db, actor, sessionId: id });
        if (opts.json) process.stdout.write(`${JSON.stringify({ cycle, session }, null, 2)}\n`);
        else process.stdout.write(`${resultSheetText(cycle, session)}\n`);
      });
    });
}
