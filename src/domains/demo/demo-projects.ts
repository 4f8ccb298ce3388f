/**
 * Demo data of the projects domain, seeded at first start so its pages are alive: 54 key
 * projects in the demo district (瓜沥 holds most of them, echoing its "54个企业重点项目"),
 * every stage from 签约 to 投产, a plan for the year and monthly reports through the last
 * complete month, a mix of green, yellow and red lights, pending stage requests and a couple
 * of problems. Deterministic: one seeded generator, dates relative to `now`.
 */
import type { Db } from '@/db/database.js';
import {
  chinaDate,
  countProjects,
  createProject,
  defaultPeriod,
  ensureDefaultTags,
  loadReportsInBulk,
  recordProjectProblem,
  requestStageChange,
} from '@/domains/projects/projects-service.js';
import { listUsers } from '@/domains/users/users-service.js';
import { systemActor, type Actor } from '@/shared/actor.js';
import { PROJECT_STAGES, type ProjectStage } from '@/shared/project-vocabulary.js';
import { mulberry32, type Random } from '@/shared/seeded-random.js';

type Tag = 'industry' | 'infrastructure' | 'livelihood' | 'ecology';
/** name, town suffix (null = district-wide), 区级?, tag, owner department, total investment in 万元, owner unit. */
type Entry = [string, string | null, boolean, Tag, string | null, number, string];

const G = '112';
const PROJECTS: Entry[] = [
  ['航民股份印染产业智能化升级改造项目', G, true, 'industry', null, 86000, '浙江航民股份有限公司'],
  ['瓜沥智能制造产业园一期', G, true, 'industry', null, 152000, '杭州瓜沥城市发展有限公司'],
  ['年产30万套新能源汽车零部件项目', G, true, 'industry', null, 68000, '杭州恒立汽车部件有限公司'],
  ['高性能线缆新材料生产基地', G, true, 'industry', null, 53000, '杭州东联线缆科技有限公司'],
  ['梅林村未来乡村建设项目', G, false, 'livelihood', null, 6800, '瓜沥镇梅林村股份经济合作社'],
  ['七彩社区邻里中心', G, false, 'livelihood', null, 9500, '瓜沥镇人民政府'],
  ['坎山片区污水管网提升工程', G, false, 'ecology', 'STHJ', 7200, '杭州萧山水务有限公司'],
  ['党山片区农村生活污水治理提标工程', G, false, 'ecology', 'STHJ', 4600, '瓜沥镇人民政府'],
  ['年产5000吨高性能纤维项目', G, true, 'industry', null, 41000, '杭州永盛高纤股份有限公司'],
  ['瓜沥数字经济产业孵化园', G, true, 'industry', null, 38000, '杭州瓜沥城市发展有限公司'],
  ['航坞路综合改造工程', G, false, 'infrastructure', 'ZJ', 12600, '瓜沥镇人民政府'],
  ['瓜沥中学扩建工程', G, false, 'livelihood', null, 15800, '瓜沥镇人民政府'],
  ['瓜沥镇卫生院迁建项目', G, true, 'livelihood', null, 24000, '萧山区卫生健康局'],
  ['长巷村文化礼堂提升项目', G, false, 'livelihood', null, 1200, '瓜沥镇长巷村股份经济合作社'],
  ['年产100万台智能家电项目', G, true, 'industry', null, 74000, '杭州华泰电器有限公司'],
  ['坎山工业园区有机更新项目', G, true, 'industry', null, 46000, '杭州瓜沥城市发展有限公司'],
  ['瓜沥客运中心改造项目', G, false, 'infrastructure', null, 5400, '瓜沥镇人民政府'],
  ['党山湾湿地生态修复工程', G, false, 'ecology', 'SL', 8900, '瓜沥镇人民政府'],
  ['瓜沥镇农贸市场改造项目', G, false, 'livelihood', 'SCJG', 3200, '瓜沥镇人民政府'],
  ['年产2万吨功能性薄膜项目', G, true, 'industry', null, 36000, '杭州双瑞新材料有限公司'],
  ['瓜沥未来社区(七彩片区)', G, true, 'livelihood', 'ZJ', 58000, '杭州瓜沥城市发展有限公司'],
  ['智慧物流仓储中心项目', G, false, 'industry', null, 27000, '杭州传化物流有限公司'],
  ['瓜沥污水处理厂扩容工程', G, true, 'ecology', 'STHJ', 19000, '杭州萧山水务有限公司'],
  ['精密轴承生产线技改项目', G, false, 'industry', null, 12500, '杭州萧山精工轴承有限公司'],
  ['瓜沥镇老旧小区综合改造', G, false, 'livelihood', 'ZJ', 9800, '瓜沥镇人民政府'],
  ['新能源储能电池pack项目', G, true, 'industry', null, 62000, '杭州储能科技有限公司'],
  ['航民村现代农业综合体', G, false, 'industry', null, 8600, '瓜沥镇航民村股份经济合作社'],
  ['瓜沥镇养老服务中心', G, false, 'livelihood', null, 6400, '瓜沥镇人民政府'],
  ['工业厂房光伏一体化屋顶项目', G, false, 'ecology', null, 4800, '杭州萧电新能源有限公司'],
  ['瓜沥镇中心幼儿园新建工程', G, false, 'livelihood', null, 7600, '瓜沥镇人民政府'],
  ['萧山区快速路网东延工程', null, true, 'infrastructure', 'JT', 386000, '萧山区交通投资集团有限公司'],
  ['区第三人民医院新院区', null, true, 'livelihood', 'WJ', 128000, '萧山区卫生健康局'],
  ['湘湖—三江口生态廊道工程', null, true, 'ecology', 'ZRZY', 96000, '萧山区城市建设投资集团有限公司'],
  ['区职业教育中心新校区', null, true, 'livelihood', 'JY', 72000, '萧山区教育局'],
  ['萧山区城市大脑二期', null, true, 'infrastructure', null, 23000, '萧山区数据资源管理局'],
  ['区域供水管网互联互通工程', null, true, 'infrastructure', 'SL', 54000, '杭州萧山水务有限公司'],
  ['钱塘江堤防加固提升工程', null, true, 'ecology', 'SL', 88000, '萧山区水利局'],
  ['区体育中心改造工程', null, true, 'livelihood', 'JY', 31000, '萧山区体育局'],
  ['城厢历史文化街区保护更新', '001', true, 'livelihood', 'ZJ', 42000, '城厢街道办事处'],
  ['城厢片区地下综合管廊', '001', false, 'infrastructure', 'ZJ', 26000, '城厢街道办事处'],
  ['北干山公园提升工程', '002', false, 'ecology', null, 6200, '北干街道办事处'],
  ['北干科创园二期', '002', true, 'industry', null, 47000, '杭州北干科创园开发有限公司'],
  ['金城路沿线商业综合体', '002', false, 'industry', null, 33000, '杭州金城置业有限公司'],
  ['新塘羽绒产业园改造', '004', true, 'industry', null, 29000, '杭州新塘羽绒产业发展有限公司'],
  ['新塘街道邻里中心', '004', false, 'livelihood', null, 5600, '新塘街道办事处'],
  ['年产500万件羽绒制品智能工厂', '004', false, 'industry', null, 18000, '杭州伟丰羽绒制品有限公司'],
  ['越王村未来乡村', '110', false, 'livelihood', null, 3800, '所前镇越王村股份经济合作社'],
  ['所前茶旅融合示范区', '110', false, 'industry', null, 12000, '所前镇人民政府'],
  ['三泉王村民宿集聚区', '110', false, 'industry', null, 4200, '所前镇三泉王村股份经济合作社'],
  ['衙前凤凰片区产业园', '111', true, 'industry', null, 64000, '杭州衙前产业发展有限公司'],
  ['衙前镇农民多层公寓', '111', false, 'livelihood', null, 21000, '衙前镇人民政府'],
  ['化纤新材料技改项目', '111', false, 'industry', null, 15000, '杭州恒逸化纤有限公司'],
  ['衙前镇中小学扩建工程', '111', false, 'livelihood', null, 9200, '衙前镇人民政府'],
  ['凤凰湖生态治理工程', '111', false, 'ecology', 'STHJ', 7400, '衙前镇人民政府'],
];

/** Stage reached per project before shuffling: 6 signed, 4 land, 22 started, 10 topped, 7 completed, 5 operating. */
const REACHED: number[] = [...Array(6).fill(0), ...Array(4).fill(1), ...Array(22).fill(2), ...Array(10).fill(3), ...Array(7).fill(4), ...Array(5).fill(5)];
/** Months from the current month to the planned start of the ten projects not yet started. */
const START_OFFSETS = [1, 4, 0, -1, -2, -4, -5, 2, -1, -3];
/** Months between a stage and the next (min, max): 签约→供地, 供地→开工, 开工→结顶, 结顶→竣工, 竣工→投产. */
const GAPS: [number, number][] = [
  [2, 4],
  [2, 5],
  [8, 14],
  [4, 8],
  [2, 5],
];

function int(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function shuffle<T>(items: T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** `date` moved by whole months (day clamped to 28) and days. */
function shift(date: string, months: number, days = 0): string {
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  d.setUTCDate(Math.min(Number(date.slice(8, 10)), 28) + days);
  return d.toISOString().slice(0, 10);
}

async function demoActor(db: Db, districtCode: string, username: string, fallback: Actor): Promise<Actor> {
  const users = await listUsers({ db, actor: systemActor('system:demo-seed') });
  const user = users.find((u) => u.username === username);
  if (!user) return fallback;
  const town = user.regionCode.length === 9 ? `${user.regionCode}/` : '';
  return {
    userId: user.id,
    label: `user:${user.username}`,
    role: user.role,
    districtCode,
    regionCode: user.regionCode,
    regionPath: `/${districtCode}/${town}`,
    departmentCode: user.departmentCode,
  };
}

/** Seeds the demo projects data of a district (skipped when it has some already). Returns how many records it made. */
export async function seedDemoProjects(options: { db: Db; districtCode: string; now?: Date }): Promise<number> {
  const { db, districtCode } = options;
  if ((await countProjects({ db, districtCode })) > 0) return 0;
  const now = options.now ?? new Date();
  const actor = systemActor('system:demo-seed');
  const random = mulberry32(20261122);
  const today = chinaDate(now);
  const period = defaultPeriod(now);
  const year = Number(today.slice(0, 4));
  const thisMonth = `${today.slice(0, 7)}-15`;
  await ensureDefaultTags({ db, actor, districtCode });

  const reached = shuffle(REACHED, random);
  let notStarted = 0;
  const reports: Parameters<typeof loadReportsInBulk>[0]['reports'] = [];
  const made: { id: number; entry: Entry; k: number; actual: Partial<Record<ProjectStage, string>> }[] = [];
  let records = 0;

  for (const [index, entry] of PROJECTS.entries()) {
    const [name, townSuffix, districtLevel, tag, department, totalWan, ownerUnit] = entry;
    const k = reached[index] as number;
    const planned: Partial<Record<ProjectStage, string>> = {};
    const actual: Partial<Record<ProjectStage, string>> = {};
    if (k <= 1) {
      // Not started: the planned start decides the start-of-works light.
      const start = shift(thisMonth, START_OFFSETS[notStarted % START_OFFSETS.length] as number, int(random, -10, 10));
      notStarted += 1;
      planned.started = start;
      const signed = shift(start, -5, -int(random, 0, 20)) < today ? shift(start, -5, -int(random, 0, 20)) : shift(today, -1);
      actual.signed = signed;
      planned.signed = signed;
      planned.land = shift(signed, 2) < start ? shift(signed, 2) : signed;
      if (k === 1) actual.land = shift(signed, 2) < today ? shift(signed, 2) : shift(today, 0, -10) > signed ? shift(today, 0, -10) : signed;
    } else {
      // Reached stage k some months ago; earlier stages follow backwards, planned a little earlier.
      const reachedDate = shift(today, -int(random, 1, k >= 4 ? 16 : 11), -int(random, 0, 20));
      actual[PROJECT_STAGES[k] as ProjectStage] = reachedDate;
      for (let j = k - 1; j >= 0; j -= 1) {
        const [min, max] = GAPS[j] as [number, number];
        actual[PROJECT_STAGES[j] as ProjectStage] = shift(actual[PROJECT_STAGES[j + 1] as ProjectStage] as string, -int(random, min, max));
      }
      for (let j = 0; j <= k; j += 1) {
        const stage = PROJECT_STAGES[j] as ProjectStage;
        planned[stage] = j === 0 ? (actual[stage] as string) : shift(actual[stage] as string, 0, -int(random, 0, 40));
      }
    }
    // Stages not reached yet are planned one after another.
    for (let j = 1; j < PROJECT_STAGES.length; j += 1) {
      const stage = PROJECT_STAGES[j] as ProjectStage;
      const previous = PROJECT_STAGES[j - 1] as ProjectStage;
      if (!planned[stage]) planned[stage] = shift(planned[previous] as string, int(random, ...(GAPS[j - 1] as [number, number])));
    }

    // A plan for the year when works run this year.
    const completedBefore = actual.completed && actual.completed < `${year}-01-01`;
    const hasPlan = k >= 2 && !completedBefore;
    const plannedYuan = hasPlan ? Math.round((totalWan * (0.15 + random() * 0.2)) / 10) * 10 * 1e4 : undefined;

    const town = townSuffix ? `${districtCode}${townSuffix}` : null;
    const project = await createProject({
      db,
      actor,
      now,
      district: districtCode,
      input: {
        code: `${town ? (townSuffix === G ? 'GL' : `Z${townSuffix}`) : 'QJ'}${year}-${String(index + 1).padStart(3, '0')}`,
        name,
        level: districtLevel ? 'district' : 'town',
        townCode: town,
        ownerUnit,
        ownerDepartmentCode: department,
        location: town ? `${name.slice(0, 2)}周边地块` : '萧山区',
        totalInvestment: totalWan * 1e4,
        tags: [tag],
        plannedThisYear: plannedYuan,
        milestones: PROJECT_STAGES.map((stage) => ({ stage, plannedDate: planned[stage] ?? null, actualDate: actual[stage] ?? null })),
      },
    });
    records += 1;
    made.push({ id: project.id, entry, k, actual });

    if (plannedYuan !== undefined) {
      // Investment against time progress: about 60% green, 25% yellow, 15% red.
      // A project completed this year has spent (about) its plan.
      const draw = random();
      const doneThisYear = actual.completed !== undefined && actual.completed >= `${year}-01-01`;
      const aheadPp = doneThisYear ? int(random, 17, 22) : draw < 0.6 ? int(random, -8, 15) : draw < 0.85 ? int(random, -28, -12) : int(random, -60, -35);
      const target = Math.max(0.02, period.month / 12 + aheadPp / 100) * plannedYuan;
      const startMonth = actual.started && actual.started >= `${year}-01-01` ? Number(actual.started.slice(5, 7)) : 1;
      const endMonth = actual.completed && actual.completed.startsWith(String(year)) ? Math.min(period.month, Number(actual.completed.slice(5, 7))) : period.month;
      const months = Array.from({ length: Math.max(1, endMonth - startMonth + 1) }, (_, i) => startMonth + i);
      const weights = months.map(() => 0.6 + random() * 0.8);
      const sum = weights.reduce((a, b) => a + b, 0);
      let progress = 0;
      for (const [i, month] of months.entries()) {
        progress = Math.min(100, progress + Math.round((100 / months.length) * (weights[i] as number) * 10) / 10);
        reports.push({
          project_id: project.id,
          year,
          month,
          completed_investment: Math.round(((target * (weights[i] as number)) / sum) / 1e4) * 1e4,
          progress_percent: Math.min(100, Math.round(progress)),
          progress: `${name.slice(0, 6)}…按计划推进,本月完成${['基础施工', '主体结构', '设备安装', '管网铺设', '装饰装修', '场地平整'][int(random, 0, 5)]}`,
          note: '',
          reported_at: new Date(Date.UTC(year, month, 5, 1)),
          reported_by: 'system:demo-seed',
        });
      }
    }
  }
  records += await loadReportsInBulk({ db, actor, districtCode, reports });

  // Pending stage requests: two 镇级 projects of Guali asking to record their start (for
  // guali.admin's colleague or the admin to approve), two 区级 projects asking to record the
  // next stage (for the supervisor).
  const gualiAdmin = await demoActor(db, districtCode, 'guali.admin', actor);
  const admin = await demoActor(db, districtCode, 'admin', actor);
  const townWaiting = made.filter((m) => m.k <= 1 && m.entry[1] === G && !m.entry[2]).slice(0, 2);
  for (const m of townWaiting) {
    await requestStageChange({ db, actor: gualiAdmin, id: m.id, now, input: { stage: 'started', actualDate: shift(today, 0, -3), note: '已取得施工许可证,桩基进场' } });
    records += 1;
  }
  const districtWaiting = made.filter((m) => m.k >= 2 && m.k < 5 && m.entry[2]).slice(0, 2);
  for (const m of districtWaiting) {
    const next = PROJECT_STAGES[m.k + 1] as ProjectStage;
    const last = m.actual[PROJECT_STAGES[m.k] as ProjectStage] as string;
    const date = shift(today, 0, -5) > last ? shift(today, 0, -5) : last;
    await requestStageChange({ db, actor: admin, id: m.id, now, input: { stage: next, actualDate: date, note: '现场核实已完成,申请确认节点' } });
    records += 1;
  }

  // A couple of problems, as the project office noted them.
  const problems: [number, string, string][] = [
    [0, '用地指标未落实', '项目二期用地指标尚未落实,影响供地进度,需自然资源部门协调。'],
    [2, '高压线迁改滞后', '施工区域内110kV高压线迁改方案未批复,影响桩基施工。'],
  ];
  for (const [i, title, description] of problems) {
    const m = made[i];
    if (!m) continue;
    await recordProjectProblem({ db, actor, id: m.id, now, input: { title, description } });
    records += 1;
  }
  return records;
}
