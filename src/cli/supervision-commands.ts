/**
 * `shuzhi supervision …`: the item list and details, 立项 and steps, sources with bulk 立项督办,
 * the sweep, unit ratings with the 红黄黑榜, and deputies' suggestion rates. The CLI acts as the
 * system (full scope).
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { presentEvent, presentItem, presentNotice } from '@/domains/supervision/supervision-presenter.js';
import { listItemsQuerySchema } from '@/domains/supervision/supervision-schemas.js';
import {
  actOnItem,
  getItem,
  getSuggestionStats,
  getUnitRatings,
  listItems,
  listSources,
  raiseFromSources,
  raiseSupervisionItem,
  sweepSupervision,
  type SupervisionSourceType,
} from '@/domains/supervision/supervision-service.js';
import { systemActor } from '@/shared/actor.js';
import { AppError } from '@/shared/errors.js';
import {
  COLOUR_LABELS,
  LIST_LABELS,
  SATISFACTIONS,
  SUPERVISION_ACTIONS,
  SUPERVISION_SOURCES,
  type SupervisionAction,
  type SupervisionColour,
} from '@/shared/supervision-vocabulary.js';
import { withContext } from './cli-support.js';

const month = (v: string) => {
  if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(v)) throw new InvalidArgumentError('月份格式为 YYYY-MM');
  return v;
};
const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const light: Record<SupervisionColour, string> = { green: '绿', yellow: '黄', red: '红' };
const out = (line: string) => process.stdout.write(`${line}\n`);

/** Adds the supervision commands to the program. */
export function addSupervisionCommands(program: Command): void {
  const sup = program.command('supervision').description('督查督办 Supervision');

  sup
    .command('list')
    .description('督办事项列表 List items')
    .option('--state <states>', '状态,逗号分隔(pending,assigned,signed,in_progress,reported,completed,cancelled)')
    .option('--colour <colours>', '颜色,逗号分隔(green,yellow,red)')
    .option('--source <sources>', `来源,逗号分隔(${SUPERVISION_SOURCES.join(',')})`)
    .option('--unit <unit>', '单位,如 department:CG 或 region:330109112')
    .option('--overdue', '只列逾期')
    .option('--limit <n>', '条数', '50')
    .option('--json', '输出 JSON')
    .action(async (opts: { state?: string; colour?: string; source?: string; unit?: string; overdue?: boolean; limit: string; json?: boolean }) => {
      const parsed = listItemsQuerySchema.safeParse({ state: opts.state, colour: opts.colour, source: opts.source, unit: opts.unit, overdue: opts.overdue ? 'true' : undefined, pageSize: opts.limit });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AppError('VALIDATION_FAILED', 'bad option', { field: issue?.path.join('.'), userMessage: issue?.message });
      }
      await withContext(async (ctx) => {
        const result = await listItems({ db: ctx.db, actor: systemActor(), query: parsed.data });
        const items = result.items.map((i) => presentItem(i, result.names));
        if (opts.json) return out(JSON.stringify({ items, total: result.total }, null, 2));
        for (const i of items) {
          out(`${i.code}  ${light[i.colour]}  ${i.stateLabel.padEnd(4)}  ${i.deadline}(${i.daysLeft >= 0 ? `剩 ${i.daysLeft} 天` : `逾期 ${-i.daysLeft} 天`})  ${i.leadUnit.name}  ${i.sourceLabel}  ${i.title.slice(0, 30)}`);
        }
        out(`共 ${result.total} 件`);
      });
    });

  sup
    .command('show <ref>')
    .description('督办事项详情 Show an item (DB2026-0001 or id) with its timeline')
    .action(async (ref: string) => {
      await withContext(async (ctx) => {
        const detail = await getItem({ db: ctx.db, actor: systemActor(), ref });
        out(
          JSON.stringify(
            { item: presentItem(detail.item, detail.names), events: detail.events.map(presentEvent), notices: detail.notices.map((n) => presentNotice(n, detail.names)) },
            null,
            2,
          ),
        );
      });
    });

  sup
    .command('raise')
    .description('立项督办 Raise an item (领导批示 etc.)')
    .requiredOption('--title <title>', '标题')
    .requiredOption('--region <code>', '所属区域编码')
    .requiredOption('--lead <unit>', '主办单位,如 department:CG 或 region:330109112')
    .requiredOption('--deadline <date>', '办结时限 YYYY-MM-DD')
    .option('--description <text>', '内容', '')
    .option('--assist <units>', '协办单位,逗号分隔')
    .addOption(new Option('--source <type>', '来源').choices([...SUPERVISION_SOURCES]).default('leadership'))
    .option('--source-id <id>', '来源编号')
    .option('--feedback-days <n>', '反馈周期(天)')
    .option('--deputy <name>', '人大代表姓名(人大代表建议)')
    .option('--assign', '立即交办')
    .action(async (opts: { title: string; region: string; lead: string; deadline: string; description: string; assist?: string; source: string; sourceId?: string; feedbackDays?: string; deputy?: string; assign?: boolean }) => {
      const unit = (s: string, field: string) => {
        const [kind, code] = s.split(':');
        if ((kind !== 'department' && kind !== 'region') || !code) throw new AppError('VALIDATION_FAILED', 'bad unit', { field, userMessage: '单位须写成 department:CG 或 region:330109112' });
        return { kind, code } as const;
      };
      await withContext(async (ctx) => {
        const raised = await raiseSupervisionItem({
          db: ctx.db,
          actor: systemActor(),
          input: {
            sourceType: opts.source as SupervisionSourceType,
            sourceId: opts.sourceId ?? null,
            title: opts.title,
            description: opts.description,
            regionCode: opts.region,
            leadUnit: unit(opts.lead, 'lead'),
            assistingUnits: opts.assist ? opts.assist.split(',').map((s) => unit(s, 'assist')) : [],
            deadline: opts.deadline,
            feedbackIntervalDays: opts.feedbackDays ? Number(opts.feedbackDays) : null,
            deputyName: opts.deputy ?? null,
            assign: opts.assign,
          },
        });
        out(`已立项 ${raised.code}`);
      });
    });

  sup
    .command('act <ref> <action>')
    .description(`办理一步 Take a step (${SUPERVISION_ACTIONS.join(', ')})`)
    .option('--note <text>', '说明/反馈内容/理由')
    .option('--progress <n>', '进度 0–100')
    .option('--date <date>', '见面/答复日期 YYYY-MM-DD')
    .addOption(new Option('--satisfaction <s>', '代表评价').choices([...SATISFACTIONS]))
    .option('--version <n>', '数据版本(默认取当前)')
    .action(async (ref: string, action: string, opts: { note?: string; progress?: string; date?: string; satisfaction?: string; version?: string }) => {
      if (!(SUPERVISION_ACTIONS as readonly string[]).includes(action)) throw new AppError('VALIDATION_FAILED', 'bad action', { field: 'action', userMessage: `操作须为 ${SUPERVISION_ACTIONS.join('、')}` });
      await withContext(async (ctx) => {
        const actor = systemActor();
        const version = opts.version ? Number(opts.version) : (await getItem({ db: ctx.db, actor, ref })).item.row.version;
        const state = await actOnItem({
          db: ctx.db,
          actor,
          ref,
          request: {
            action: action as SupervisionAction,
            version,
            note: opts.note ?? null,
            progress: opts.progress ? Number(opts.progress) : null,
            date: opts.date ?? null,
            satisfaction: (opts.satisfaction as (typeof SATISFACTIONS)[number] | undefined) ?? null,
          },
        });
        out(`${state.row.code} → ${state.row.state}(版本 ${state.row.version})`);
      });
    });

  sup
    .command('sources <kind>')
    .description('督办来源 List sources: case(超期案件督办通知)、indicator(红灯指标)、project(滞后项目)')
    .option('--period <month>', '指标期间 YYYY-MM', month)
    .action(async (kind: string, opts: { period?: string }) => {
      if (kind !== 'case' && kind !== 'indicator' && kind !== 'project') throw new AppError('VALIDATION_FAILED', 'bad kind', { field: 'kind', userMessage: '来源须为 case、indicator 或 project' });
      await withContext(async (ctx) => {
        const sources = await listSources({ db: ctx.db, actor: systemActor(), kind, period: opts.period });
        for (const s of sources) out(`${s.id}  ${s.itemCode ? `已立项 ${s.itemCode}` : '未立项'}  ${s.lead.kind}:${s.lead.code}  ${s.title.slice(0, 40)}`);
        out(`共 ${sources.length} 条`);
      });
    });

  sup
    .command('raise-sources <kind> [ids...]')
    .description('批量立项督办 Raise items from sources (all not yet raised when no ids are given)')
    .requiredOption('--deadline <date>', '办结时限 YYYY-MM-DD')
    .option('--period <month>', '指标期间 YYYY-MM', month)
    .option('--assign', '立即交办')
    .action(async (kind: string, ids: string[], opts: { deadline: string; period?: string; assign?: boolean }) => {
      if (kind !== 'case' && kind !== 'indicator' && kind !== 'project') throw new AppError('VALIDATION_FAILED', 'bad kind', { field: 'kind', userMessage: '来源须为 case、indicator 或 project' });
      await withContext(async (ctx) => {
        const actor = systemActor();
        const chosen = ids.length ? ids : (await listSources({ db: ctx.db, actor, kind, period: opts.period })).filter((s) => !s.itemCode).map((s) => s.id);
        if (chosen.length === 0) return out('没有可立项的来源');
        let ok = 0;
        for (let i = 0; i < chosen.length; i += 500) {
          const { results } = await raiseFromSources({ db: ctx.db, actor, input: { sources: chosen.slice(i, i + 500).map((id) => ({ kind, id })), deadline: opts.deadline, assign: opts.assign } });
          for (const r of results) {
            if (r.ok) ok += 1;
            else out(`  ${r.id} [${r.code}] ${r.message}`);
          }
        }
        out(`已立项 ${ok} / ${chosen.length} 条`);
      });
    });

  sup
    .command('sweep')
    .description('督办巡检 Recolour items, flag overdue ones, escalate notices')
    .action(async () => {
      await withContext(async (ctx) => {
        const result = await sweepSupervision({ db: ctx.db });
        out(`变色 ${result.recoloured} 件,新逾期 ${result.overdue} 件,发督办单 ${result.notices} 张`);
      });
    });

  sup
    .command('ratings')
    .description('单位评价与红黄黑榜 Unit ratings for a month')
    .option('--period <month>', '月份 YYYY-MM(默认本月)', month)
    .option('--json', '输出 JSON')
    .action(async (opts: { period?: string; json?: boolean }) => {
      await withContext(async (ctx) => {
        const r = await getUnitRatings({ db: ctx.db, actor: systemActor(), period: opts.period });
        if (opts.json) return out(JSON.stringify(r, null, 2));
        out(`${r.period} 督查督办单位评价`);
        const lists = [
          ['honour', r.honour],
          ['warning', r.warning],
          ['black', r.black],
        ] as const;
        for (const [key, list] of lists) {
          out(`${LIST_LABELS[key]}(${list.length})`);
          for (const u of list) {
            out(
              `  ${u.name}  ${COLOUR_LABELS[u.colour]}  到期 ${u.due}  办结 ${u.completed}(按期率 ${percent(u.onTimeRate)})  逾期 ${u.overdue}  黄单 ${u.yellowNotices}  红单 ${u.redNotices}${u.blackReasons.length ? `  ${u.blackReasons.join(';')}` : ''}`,
            );
          }
        }
      });
    });

  const suggestions = sup.command('suggestions').description('人大代表建议 Deputies’ suggestions');
  suggestions
    .command('stats')
    .description('见面率、答复率、满意率 The three rates, overall and per lead unit')
    .option('--json', '输出 JSON')
    .action(async (opts: { json?: boolean }) => {
      await withContext(async (ctx) => {
        const s = await getSuggestionStats({ db: ctx.db, actor: systemActor() });
        if (opts.json) return out(JSON.stringify({ overall: s.overall, units: s.units }, null, 2));
        out('单位\t件数\t见面率\t答复率\t满意率');
        for (const u of s.units) out(`${u.name}\t${u.total}\t${percent(u.meetRate)}\t${percent(u.replyRate)}\t${percent(u.satisfactionRate)}`);
        out(`合计\t${s.overall.total}\t${percent(s.overall.meetRate)}\t${percent(s.overall.replyRate)}\t${percent(s.overall.satisfactionRate)}`);
      });
    });
}
