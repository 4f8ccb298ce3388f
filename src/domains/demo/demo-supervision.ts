/**
 * Demo data of the supervision domain, seeded at first start so its pages are alive: about
 * thirty items in every state and colour from every source (leadership instructions, deputies'
 * suggestions with 见面/答复/评价, overdue-case notices, red indicators, lagging projects),
 * played through the real workflow in time order with a daily sweep, so the three-colour
 * notices, the overdue flags and two months of 红黄黑榜 come out as they would in use.
 * Deterministic for a given `now`.
 */
import type { Db } from '@/db/database.js';
import { listDistrictAndTowns } from '@/domains/regions/regions-service.js';
import {
  actOnItem,
  getItem,
  hasSupervisionItems,
  listSources,
  raiseSupervisionItem,
  sweepSupervision,
  type RaiseSupervisionInput,
  type SupervisionUnit,
} from '@/domains/supervision/supervision-service.js';
import { listUsers } from '@/domains/users/users-service.js';
import { systemActor } from '@/shared/actor.js';
import type { Satisfaction, SupervisionAction } from '@/shared/supervision-vocabulary.js';

const DAY = 86_400_000;
const GUALI = '330109112';

/** A step of a demo item: an action some days from now (negative: in the past). */
interface DemoStep {
  day: number;
  action: SupervisionAction;
  by: string;
  note?: string;
  progress?: number;
  date?: number;
  satisfaction?: Satisfaction;
}

interface DemoItem {
  raisedDay: number;
  input: Omit<RaiseSupervisionInput, 'deadline'> & { deadlineDay: number };
  steps: DemoStep[];
}

const dept = (code: string): SupervisionUnit => ({ kind: 'department', code });
const town = (code: string): SupervisionUnit => ({ kind: 'region', code });

/** The usual path of an item: 交办 → 签收 → progress reports. */
function worked(from: number, progress: number[], lead: string): DemoStep[] {
  const steps: DemoStep[] = [
    { day: from, action: 'assign', by: '督查室' },
    { day: from + 1, action: 'sign', by: lead },
  ];
  progress.forEach((p, i) => steps.push({ day: from + 3 + i * 5, action: 'feedback', by: lead, progress: p, note: `已完成约 ${p}%,正按计划推进` }));
  return steps;
}

/** Seeds the demo supervision data of a district (skipped when it has some already). Returns how many records it made. */
export async function seedDemoSupervision(options: { db: Db; districtCode: string; now?: Date }): Promise<number> {
  const { db, districtCode } = options;
  if (await hasSupervisionItems({ db, districtCode })) return 0;
  const now = options.now ?? new Date();
  // Whole days before now, at 10:00 China time, so steps fall in office hours.
  const today = Date.parse(`${new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)}T10:00:00+08:00`);
  const at = (day: number) => new Date(Math.min(now.getTime() - 60_000, today + day * DAY));
  const dateOf = (day: number) => new Date(today + day * DAY + 8 * 3_600_000).toISOString().slice(0, 10);
  const { towns } = await listDistrictAndTowns({ db, districtCode });
  if (!towns.some((t) => t.code === GUALI)) return 0;
  const others = towns.filter((t) => t.code !== GUALI).map((t) => t.code);
  const otherTown = others[0] ?? GUALI;
  const thirdTown = others[1] ?? otherTown;
  const deputies = (await listUsers({ db, actor: systemActor('system:demo-seed'), role: 'deputy' })).filter((u) => u.regionCode.startsWith(GUALI));
  const deputy = (i: number) => deputies[i % Math.max(1, deputies.length)];

  const lead = (title: string, region: string, unit: SupervisionUnit, raisedDay: number, deadlineDay: number, steps: DemoStep[], extra: Partial<RaiseSupervisionInput> = {}): DemoItem => ({
    raisedDay,
    input: { sourceType: 'leadership', sourceId: null, title, description: `区领导批示:${title},请主办单位按期办结并反馈。`, regionCode: region, leadUnit: unit, deadlineDay, ...extra },
    steps,
  });
  const items: DemoItem[] = [
    lead('瓜沥镇主干道占道经营整治', GUALI, dept('CG'), -40, -10, [...worked(-40, [40, 80], '城管局'), { day: -13, action: 'submit', by: '城管局', note: '占道经营点位全部清理,设置长效巡查' }, { day: -12, action: 'approve', by: '督查室' }], { assistingUnits: [town(GUALI)] }),
    lead('老旧小区加装电梯推进', GUALI, dept('ZJ'), -50, -15, worked(-50, [20, 30], '住建局'), { feedbackIntervalDays: 15 }),
    lead('城区亮化工程收尾', otherTown, dept('ZJ'), -75, -45, [...worked(-75, [50, 70], '住建局'), { day: -40, action: 'submit', by: '住建局', note: '亮化工程全部完工' }, { day: -38, action: 'approve', by: '督查室' }]),
    lead('防汛物资储备检查', GUALI, dept('SL'), -10, 5, worked(-10, [60], '水利局')),
    lead('河道保洁长效管理', GUALI, dept('SL'), -20, 20, worked(-20, [30, 50], '水利局'), { feedbackIntervalDays: 14 }),
    lead('农贸市场食品安全专项检查', GUALI, dept('SCJG'), -25, 2, worked(-25, [30, 60], '市场监管局')),
    lead('校园周边交通秩序整治', otherTown, dept('GA110'), -3, 30, []),
    lead('工业园区企业安全生产大检查', thirdTown, dept('YJGL'), -30, 6, worked(-30, [10], '应急管理局'), { feedbackIntervalDays: 7 }),
    lead('垃圾分类示范小区创建', otherTown, town(otherTown), -35, -3, [...worked(-35, [40, 90], '镇街'), { day: -5, action: 'submit', by: '镇街', note: '示范小区创建完成,申请验收' }]),
    lead('违法建筑拆除攻坚', GUALI, dept('CG'), -30, 10, [
      ...worked(-30, [60], '城管局'),
      { day: -8, action: 'submit', by: '城管局', note: '已拆除 12 处' },
      { day: -7, action: 'reject', by: '督查室', note: '台账中仍有 3 处未拆除,请继续办理' },
      { day: -3, action: 'feedback', by: '城管局', progress: 85, note: '剩余 3 处已拆除 2 处' },
    ]),
    lead('主城区停车难问题调研', GUALI, dept('JT'), -15, 15, [{ day: -15, action: 'assign', by: '督查室' }, { day: -12, action: 'cancel', by: '督查室', note: '已并入交通综合治理专项,撤销本件' }]),
    lead('生态环境问题整改销号', thirdTown, dept('STHJ'), -45, -20, [...worked(-45, [50], '生态环境分局'), { day: -22, action: 'submit', by: '生态环境分局', note: '问题全部整改到位' }, { day: -21, action: 'approve', by: '督查室' }]),
    lead('村级卫生室标准化建设', thirdTown, dept('WJ'), -28, -2, worked(-28, [30, 45], '卫健局'), { assistingUnits: [town(thirdTown)] }),
  ];
  const suggestion = (i: number, title: string, unit: SupervisionUnit, steps: DemoStep[], raisedDay = -60, deadlineDay = -10): DemoItem => ({
    raisedDay,
    input: {
      sourceType: 'deputy_suggestion',
      sourceId: `瓜人大建〔2026〕${i} 号`,
      title,
      description: `${deputy(i)?.displayName ?? '代表'}等代表提出:${title}。`,
      regionCode: GUALI,
      leadUnit: unit,
      deadlineDay,
      deputyName: deputy(i)?.displayName ?? `代表${i}`,
      deputyUserId: deputy(i)?.id ?? null,
    },
    steps,
  });
  const answered = (lead: string, satisfaction: Satisfaction | null, met = true): DemoStep[] => [
    { day: -60, action: 'assign', by: '人大联络室' },
    { day: -58, action: 'sign', by: lead },
    ...(met ? [{ day: -50, action: 'meet' as const, by: lead, date: -50 }] : []),
    { day: -40, action: 'feedback', by: lead, progress: 60, note: '已会同相关部门研究落实' },
    { day: -25, action: 'reply', by: lead, date: -25, note: '已书面答复代表' },
    { day: -24, action: 'submit', by: lead, note: '建议已办复' },
    { day: -22, action: 'approve', by: '人大联络室' },
    ...(satisfaction ? [{ day: -20, action: 'evaluate' as const, by: '代表', satisfaction }] : []),
  ];
  items.push(
    suggestion(1, '关于增设瓜沥镇公交站点的建议', town(GUALI), answered('瓜沥镇', 'satisfied')),
    suggestion(2, '关于加强农村生活污水治理的建议', dept('SL'), answered('水利局', 'basically_satisfied')),
    suggestion(3, '关于改善农贸市场周边交通的建议', dept('JT'), answered('交通运输局', 'satisfied', false)),
    suggestion(4, '关于增加社区养老服务设施的建议', dept('MZ'), answered('民政局', 'unsatisfied')),
    suggestion(5, '关于整治河道沿岸环境的建议', town(GUALI), answered('瓜沥镇', null)),
    suggestion(6, '关于完善背街小巷路灯的建议', dept('CG'), [{ day: -20, action: 'assign', by: '人大联络室' }, { day: -19, action: 'sign', by: '城管局' }, { day: -10, action: 'meet', by: '城管局', date: -10 }], -20, 25),
    suggestion(7, '关于规范共享单车停放的建议', dept('CG'), [{ day: -6, action: 'assign', by: '人大联络室' }], -6, 40),
    suggestion(8, '关于加快农村道路提升改造的建议', dept('JT'), [{ day: -30, action: 'assign', by: '人大联络室' }, { day: -29, action: 'sign', by: '交通运输局' }, { day: -20, action: 'meet', by: '交通运输局', date: -20 }, { day: -12, action: 'reply', by: '交通运输局', date: -12, note: '已列入明年计划' }], -30, 1),
  );

  // Every raise, step and daily sweep, in time order.
  const ops: { at: number; order: number; run: () => Promise<void> }[] = [];
  const codes = new Map<number, string>();
  let made = 0;
  let order = 0;
  const step = async (ref: string, s: DemoStep) => {
    const actor = systemActor(`demo:${s.by}`);
    const { item } = await getItem({ db, actor, ref });
    await actOnItem({
      db,
      actor,
      ref,
      now: at(s.day),
      request: { action: s.action, version: item.row.version, note: s.note ?? null, progress: s.progress ?? null, date: s.date === undefined ? null : dateOf(s.date), satisfaction: s.satisfaction ?? null },
    });
  };
  items.forEach((spec, index) => {
    ops.push({
      at: at(spec.raisedDay).getTime() - 60_000,
      order: order++,
      run: async () => {
        const { deadlineDay, ...input } = spec.input;
        const raised = await raiseSupervisionItem({ db, actor: systemActor('demo:督查室'), input: { ...input, deadline: dateOf(deadlineDay) }, now: new Date(at(spec.raisedDay).getTime() - 60_000) });
        codes.set(index, raised.code);
        made += 1;
      },
    });
    for (const s of spec.steps) {
      ops.push({ at: at(s.day).getTime(), order: order++, run: () => step(codes.get(index) as string, s) });
    }
  });
  const firstDay = Math.min(...items.map((i) => i.raisedDay));
  for (let day = firstDay; day <= 0; day += 1) {
    const when = today + day * DAY - 9 * 3_600_000; // 01:00 China time
    if (when >= now.getTime()) break;
    ops.push({ at: when, order: order++, run: async () => void (await sweepSupervision({ db, now: new Date(when) })) });
  }
  ops.sort((a, b) => a.at - b.at || a.order - b.order);
  for (const op of ops) await op.run();

  // Sources the other domains offer now: overdue-case notices, red indicators, lagging projects.
  const office = systemActor('demo:督查室');
  const fromSource = async (kind: 'case' | 'indicator' | 'project', count: number, deadlineDay: number, progress: boolean) => {
    const sources = (await listSources({ db, actor: office, kind, now }).catch(() => [])).filter((s) => !s.itemCode).sort((a, b) => a.id.localeCompare(b.id)).slice(0, count);
    for (const [i, s] of sources.entries()) {
      try {
        const raised = await raiseSupervisionItem({
          db,
          actor: office,
          now: at(-2),
          input: { sourceType: kind, sourceId: s.id, title: s.title, description: s.description, regionCode: s.regionCode, leadUnit: s.lead, deadline: dateOf(deadlineDay + i), feedbackIntervalDays: 7, assign: true },
        });
        made += 1;
        if (progress && i % 2 === 0) {
          const leadName = s.lead.code;
          await step(raised.code, { day: -1, action: 'sign', by: leadName });
          await step(raised.code, { day: -1, action: 'feedback', by: leadName, progress: 30, note: '已安排专人跟进' });
        }
      } catch {
        // A source whose unit is unknown (or that another run raised) is skipped: demo data is best effort.
      }
    }
  };
  await fromSource('case', 6, 5, true);
  await fromSource('indicator', 3, 20, false);
  await fromSource('project', 3, 15, true);
  await sweepSupervision({ db, now });
  return made;
}
