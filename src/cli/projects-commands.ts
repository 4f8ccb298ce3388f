/**
 * `shuzhi projects …`: the key project library for a district's 项目办: list with filters and
 * lights, one project, the light summary by town, the stalled lists, the lagging list, sheet
 * import, monthly reports, stage requests and their approval, tags and thresholds.
 * The command line acts as the system (an administrator of everything).
 */
import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { importProjectSheet } from '@/domains/projects/project-import.js';
import { listProjectsQuerySchema, reportSchema, thresholdsSchema } from '@/domains/projects/projects-schemas.js';
import {
  decideStageChange,
  getProject,
  getProjectThresholds,
  listLaggingProjects,
  listProjects,
  listStageRequests,
  listTags,
  reportProjectMonth,
  setProjectThresholds,
} from '@/domains/projects/projects-service.js';
import type { Db } from '@/db/database.js';
import { systemActor, type Actor } from '@/shared/actor.js';
import { AppError } from '@/shared/errors.js';
import { LIGHT_LABELS, PROJECT_LIGHTS, PROJECT_STAGES, STALL_KINDS, STALL_LABELS, type StallKind } from '@/shared/project-vocabulary.js';
import { withContext } from './cli-support.js';

const out = (line: string) => process.stdout.write(`${line}\n`);
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const LIGHT_MARK: Record<string, string> = { green: '●绿', yellow: '●黄', red: '●红', none: '○—' };
const period = (v: string) => {
  if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(v)) throw new InvalidArgumentError('月份格式为 YYYY-MM');
  return { year: Number(v.slice(0, 4)), month: Number(v.slice(5, 7)) };
};

/** Parses CLI input with an operation's schema; a problem is VALIDATION_FAILED naming the field. */
function parseInput<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AppError('VALIDATION_FAILED', issue?.message ?? 'invalid input', { field: issue?.path.map(String).join('.'), userMessage: issue?.message });
}

/** A project's id from an id or a code. */
async function projectIdOf(db: Db, actor: Actor, ref: string): Promise<number> {
  if (/^[0-9]+$/.test(ref)) return Number(ref);
  const found = (await listProjects({ db, actor })).projects.find((p) => p.code === ref);
  if (!found) throw new AppError('NOT_FOUND', `project ${ref} not found`, { userMessage: `未找到项目 ${ref}` });
  return found.id;
}

/** Adds the projects commands to the program. */
export function addProjectCommands(program: Command): void {
  const projects = program.command('projects').description('重点项目 Key projects');

  projects
    .command('list')
    .description('项目库(按亮灯、镇街、级别、分类、阶段筛选)List the library')
    .addOption(new Option('--light <light>', '亮灯').choices(PROJECT_LIGHTS as string[]))
    .option('--town <code>', '镇街编码')
    .addOption(new Option('--level <level>', '级别').choices(['district', 'town']))
    .option('--tag <code>', '分类编码')
    .addOption(new Option('--stage <stage>', '当前阶段').choices([...PROJECT_STAGES, 'none']))
    .addOption(new Option('--stall <kind>', '停滞清单').choices([...STALL_KINDS]))
    .option('--period <YYYY-MM>', '评价期(默认上月)', period)
    .option('--district <code>', '区县编码(有多个区县时)')
    .option('--json', '输出 JSON')
    .action(async (opts: { light?: string; town?: string; level?: string; tag?: string; stage?: string; stall?: string; period?: { year: number; month: number }; district?: string; json?: boolean }) => {
      const query = parseInput(listProjectsQuerySchema, { light: opts.light, town: opts.town, level: opts.level, tag: opts.tag, stage: opts.stage, stall: opts.stall, year: opts.period?.year, month: opts.period?.month });
      await withContext(async (ctx) => {
        const result = await listProjects({ db: ctx.db, actor: systemActor(), query, district: opts.district });
        if (opts.json) return out(JSON.stringify(result, null, 2));
        out(`${result.period.year}年1–${result.period.month}月(序时进度 ${pct(result.totals.timeProgress)}),共 ${result.totals.count} 个项目`);
        for (const p of result.projects) {
          out(
            [LIGHT_MARK[p.light], p.code.padEnd(14), p.levelLabel, (p.townName ?? '全区').padEnd(6), p.stageLabel, `计划${p.plannedThisYearText ?? '—'}`, `完成${p.completedYtdText}`, pct(p.completion), p.name].join('  '),
          );
        }
        const t = result.totals;
        out(`合计:年度计划 ${(t.plannedThisYear / 1e8).toFixed(2)}亿元,完成 ${(t.completedYtd / 1e8).toFixed(2)}亿元(${pct(t.completion)});绿 ${t.lights.green} 黄 ${t.lights.yellow} 红 ${t.lights.red} 未评价 ${t.lights.none}`);
      });
    });

  projects
    .command('show <idOrCode>')
    .description('项目详情 One project')
    .option('--json', '输出 JSON')
    .action(async (ref: string, opts: { json?: boolean }) => {
      await withContext(async (ctx) => {
        const actor = systemActor();
        const detail = await getProject({ db: ctx.db, actor, id: await projectIdOf(ctx.db, actor, ref) });
        if (opts.json) return out(JSON.stringify(detail, null, 2));
        const p = detail.project;
        out(`${p.code} ${p.name}(${p.levelLabel},${p.townName ?? '全区'})`);
        out(`业主单位:${p.ownerUnit};责任部门:${p.ownerDepartmentName ?? '—'};分类:${p.tags.map((t) => t.name).join('、') || '—'}`);
        out(`总投资 ${p.totalInvestmentText};${detail.period.year}年计划 ${p.plannedThisYearText ?? '—'},1–${detail.period.month}月完成 ${p.completedYtdText}(${pct(p.completion)},序时 ${pct(p.timeProgress)})`);
        out(`亮灯:${LIGHT_LABELS[p.light]}${p.reasons.length ? `——${p.reasons.join(';')}` : ''}`);
        out('节点      计划日期     实际日期');
        for (const m of detail.milestones) out(`${m.label}      ${m.plannedDate ?? '—         '}   ${m.actualDate ?? '—'}${m.pendingRequestId ? `  (待审批申请 #${m.pendingRequestId})` : ''}`);
        for (const r of detail.reports) out(`${r.year}-${String(r.month).padStart(2, '0')}  完成 ${r.completedInvestmentText}  ${r.progressPercent === null ? '—' : `${r.progressPercent}%`}  ${r.progress}`);
        for (const q of detail.problems) out(`问题:${q.title}${q.supervisionItemCode ? `(督办 ${q.supervisionItemCode})` : ''}`);
      });
    });

  projects
    .command('lights')
    .description('亮灯汇总(按镇街)Light summary by town')
    .option('--period <YYYY-MM>', '评价期(默认上月)', period)
    .option('--district <code>', '区县编码')
    .action(async (opts: { period?: { year: number; month: number }; district?: string }) => {
      await withContext(async (ctx) => {
        const result = await listProjects({ db: ctx.db, actor: systemActor(), query: { year: opts.period?.year, month: opts.period?.month }, district: opts.district });
        const byTown = new Map<string, { green: number; yellow: number; red: number; none: number }>();
        for (const p of result.projects) {
          const key = p.townName ?? '全区';
          const counts = byTown.get(key) ?? { green: 0, yellow: 0, red: 0, none: 0 };
          counts[p.light] += 1;
          byTown.set(key, counts);
        }
        out(`${result.period.year}年1–${result.period.month}月 亮灯汇总(序时进度 ${pct(result.totals.timeProgress)})`);
        out('镇街        绿  黄  红  未评价');
        for (const [town, c] of byTown) out(`${town.padEnd(8)}  ${c.green}  ${c.yellow}  ${c.red}  ${c.none}`);
        const t = result.totals;
        out(`合计        ${t.lights.green}  ${t.lights.yellow}  ${t.lights.red}  ${t.lights.none}`);
        if (t.halfway) out(`双过半:${t.halfway.passed}/${t.halfway.rated} 个项目6月末完成过半`);
      });
    });

  projects
    .command('stalled')
    .description('停滞清单:签约未开工、开工未竣工、竣工未投产 Stalled lists')
    .addOption(new Option('--kind <kind>', '只列一类').choices([...STALL_KINDS]))
    .option('--district <code>', '区县编码')
    .action(async (opts: { kind?: StallKind; district?: string }) => {
      await withContext(async (ctx) => {
        const result = await listProjects({ db: ctx.db, actor: systemActor(), district: opts.district });
        for (const kind of opts.kind ? [opts.kind] : STALL_KINDS) {
          const list = result.stalled[kind];
          out(`${STALL_LABELS[kind]}(${list.length} 个)`);
          for (const s of list) out(`  ${s.code.padEnd(14)} ${s.since ?? '—'}  ${s.townName ?? '全区'}  ${s.name}${s.overdueSince ? `  计划 ${s.overdueSince} 已逾期` : ''}`);
        }
      });
    });

  projects
    .command('lagging')
    .description('红黄灯项目(督办来源)Red and yellow projects')
    .action(async () => {
      await withContext(async (ctx) => {
        for (const p of await listLaggingProjects({ db: ctx.db, actor: systemActor() })) out(`${LIGHT_MARK[p.light]} ${p.code.padEnd(14)} ${p.name}:${p.reason}`);
      });
    });

  projects
    .command('import <file>')
    .description('导入项目库(XLSX 或 CSV,金额单位万元)Import a library sheet')
    .option('--district <code>', '区县编码')
    .action(async (file: string, opts: { district?: string }) => {
      const data = await readFile(file);
      await withContext(async (ctx) => {
        const report = await importProjectSheet({ db: ctx.db, actor: systemActor(), data, format: file.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx', district: opts.district });
        for (const r of report.rows.filter((x) => x.status !== 'created')) out(`第 ${r.row} 行 ${r.code ?? ''}:${r.status === 'skipped' ? '跳过' : '错误'} ${r.field ?? ''} ${r.message ?? ''}`);
        out(`新增 ${report.created},跳过 ${report.skipped},错误 ${report.rejected}`);
        if (report.rejected > 0) process.exitCode = 2;
      });
    });

  projects
    .command('report <idOrCode>')
    .description('月度填报(金额单位万元)Report a month')
    .requiredOption('--month <YYYY-MM>', '填报月份', period)
    .requiredOption('--amount <万元>', '当月完成投资(万元)', Number)
    .option('--percent <n>', '形象进度(%)', Number)
    .option('--progress <text>', '形象进度说明')
    .option('--note <text>', '备注')
    .action(async (ref: string, opts: { month: { year: number; month: number }; amount: number; percent?: number; progress?: string; note?: string }) => {
      const input = parseInput(reportSchema, { ...opts.month, completedInvestment: opts.amount * 1e4, progressPercent: opts.percent, progress: opts.progress, note: opts.note });
      await withContext(async (ctx) => {
        const actor = systemActor();
        const report = await reportProjectMonth({ db: ctx.db, actor, id: await projectIdOf(ctx.db, actor, ref), input });
        out(`已填报 ${report.year}年${report.month}月:完成 ${report.completedInvestmentText}(第 ${report.revision} 版)`);
      });
    });

  projects
    .command('requests')
    .description('节点变更申请 Stage requests')
    .addOption(new Option('--state <state>', '状态').choices(['pending', 'approved', 'rejected']).default('pending'))
    .action(async (opts: { state: 'pending' | 'approved' | 'rejected' }) => {
      await withContext(async (ctx) => {
        for (const r of await listStageRequests({ db: ctx.db, actor: systemActor(), state: opts.state })) {
          out(`#${r.id}  ${r.projectCode}  ${r.projectName}  ${r.stageLabel} ${r.actualDate}  申请人 ${r.requestedBy}  ${r.note}`);
        }
      });
    });

  for (const [name, approve] of [
    ['approve', true],
    ['reject', false],
  ] as const) {
    projects
      .command(`${name} <requestId>`)
      .description(approve ? '批准节点变更 Approve a stage request' : '退回节点变更 Reject a stage request')
      .option('--note <text>', '审批意见')
      .action(async (requestId: string, opts: { note?: string }) => {
        await withContext(async (ctx) => {
          const actor = systemActor();
          const pending = (await listStageRequests({ db: ctx.db, actor, state: 'pending' })).find((r) => r.id === Number(requestId));
          if (!pending) throw new AppError('NOT_FOUND', `request ${requestId} not pending`, { userMessage: `未找到待审批申请 #${requestId}` });
          const decided = await decideStageChange({ db: ctx.db, actor, requestId: pending.id, input: { approve, note: opts.note, version: pending.version } });
          out(`申请 #${decided.id}:${decided.state === 'approved' ? '已批准' : '已退回'}`);
        });
      });
  }

  projects
    .command('tags')
    .description('项目分类 Tag classes')
    .action(async () => {
      await withContext(async (ctx) => {
        for (const t of await listTags({ db: ctx.db, actor: systemActor() })) out(`${t.code.padEnd(16)} ${t.name}${t.active ? '' : '(停用)'}`);
      });
    });

  projects
    .command('thresholds')
    .description('查看或设置亮灯阈值 Show or set light thresholds')
    .option('--yellow <pp>', '落后序时进度多少个百分点起为黄灯', Number)
    .option('--red <pp>', '落后序时进度超过多少个百分点为红灯', Number)
    .option('--start-yellow <months>', '逾期几个月未开工为黄灯', Number)
    .option('--start-red <months>', '逾期几个月未开工为红灯', Number)
    .action(async (opts: { yellow?: number; red?: number; startYellow?: number; startRed?: number }) => {
      await withContext(async (ctx) => {
        const actor = systemActor();
        let t = await getProjectThresholds({ db: ctx.db, actor });
        if ([opts.yellow, opts.red, opts.startYellow, opts.startRed].some((v) => v !== undefined)) {
          const input = parseInput(thresholdsSchema, {
            yellowBehindPp: opts.yellow ?? t.yellowBehindPp,
            redBehindPp: opts.red ?? t.redBehindPp,
            startYellowMonthsLate: opts.startYellow ?? t.startYellowMonthsLate,
            startRedMonthsLate: opts.startRed ?? t.startRedMonthsLate,
          });
          t = await setProjectThresholds({ db: ctx.db, actor, thresholds: input });
        }
        out(`投资:落后序时进度 ≥${t.yellowBehindPp} 个百分点黄灯,>${t.redBehindPp} 个百分点红灯;开工:逾期 ${t.startYellowMonthsLate} 个月黄灯,${t.startRedMonthsLate} 个月红灯`);
      });
    });
}
