/**
 * Demo data of the livelihood domain, seeded at first start so its pages are alive: the
 * Guali town congress (瓜沥镇人代会).
 *
 * - 2026: thirteen candidates, screened; the ballot was held on paper on 2026-01-16 and its
 *   tally is recorded as such (`recordPaperBallot`: the result sheet says it was entered by
 *   hand and no ballots are stored; creating a hundred deputy accounts to replay it would
 *   only fill the user list). Ten projects were chosen and are tracked through October 2026
 *   with quantified goals, weighted sub-results, milestones, progress reports and the three
 *   demo deputies' evaluations.
 * - 2027: thirteen new candidates on the ballot and an OPEN session whose roll is the demo
 *   deputies of Guali (deputy.guali.001…, the town's congress), all checked in at the chair's
 *   desk by the town administrator (a deputy cannot check in from the phone: the phone page
 *   says 请到会场签到 until the desk has), so a person can vote on the phone page
 *   (/ballot/<session>) right after `npm start`.
 *
 * Everything goes through the livelihood service, as a town administrator would.
 */
import type { Db } from '@/db/database.js';
import {
  addMilestone,
  checkInDeputy,
  createBallotSession,
  createCycle,
  createResult,
  evaluateResult,
  listCycles,
  listResults,
  openBallotSession,
  proposeCandidate,
  recordPaperBallot,
  screenCandidate,
  setCyclePhase,
  updateMilestone,
  updateResult,
} from '@/domains/livelihood/livelihood-service.js';
import { listUsers } from '@/domains/users/users-service.js';
import { systemActor, type Actor } from '@/shared/actor.js';
import type { CandidateSource, ResultStatus } from '@/shared/livelihood-vocabulary.js';

const GUALI = '330109112';

interface DemoCandidate {
  title: string;
  department: string;
  costWan: number;
  goalText: string;
  goalValue: number;
  goalUnit: string;
  scope: string;
  source: CandidateSource;
  proposer?: string;
}

const CANDIDATES_2026: DemoCandidate[] = [
  { title: '新建普惠性托育机构', department: 'WJ', costWan: 1200, goalText: '新增托位160个', goalValue: 160, goalUnit: '个', scope: '镇区及东恩、坎山片区', source: 'deputy' },
  { title: '老旧小区综合改造', department: 'ZJ', costWan: 3600, goalText: '改造老旧小区3个', goalValue: 3, goalUnit: '个', scope: '航民小区、瓜沥新村、明朗小区', source: 'public', proposer: '群众来信' },
  { title: '居家养老服务中心提升', department: 'MZ', costWan: 800, goalText: '新建居家养老服务中心2家', goalValue: 2, goalUnit: '家', scope: '党湾片、坎山片', source: 'department' },
  { title: '农贸市场提升改造', department: 'SCJG', costWan: 1500, goalText: '改造农贸市场2个', goalValue: 2, goalUnit: '个', scope: '瓜沥农贸市场、坎山农贸市场', source: 'public', proposer: '12345热线建议' },
  { title: '新增公共停车泊位', department: 'JT', costWan: 900, goalText: '新增公共停车泊位500个', goalValue: 500, goalUnit: '个', scope: '镇区商圈及医院周边', source: 'deputy' },
  { title: '河道综合整治', department: 'SL', costWan: 2200, goalText: '整治河道12公里', goalValue: 12, goalUnit: '公里', scope: '运西河、永兴河等', source: 'department' },
  { title: '学校“阳光厨房”建设', department: 'JY', costWan: 400, goalText: '建成阳光厨房8所', goalValue: 8, goalUnit: '所', scope: '辖区中小学、幼儿园', source: 'deputy' },
  { title: '城乡公交线路优化', department: 'JT', costWan: 300, goalText: '新辟优化公交线路4条', goalValue: 4, goalUnit: '条', scope: '镇区至各村社', source: 'public', proposer: '村民代表联名' },
  { title: '口袋公园建设', department: 'ZJ', costWan: 700, goalText: '建成口袋公园5个', goalValue: 5, goalUnit: '个', scope: '镇区街角空地', source: 'department' },
  { title: '垃圾分类示范小区创建', department: 'CG', costWan: 350, goalText: '建成示范小区10个', goalValue: 10, goalUnit: '个', scope: '全镇住宅小区', source: 'department' },
  { title: '社区卫生服务站标准化', department: 'WJ', costWan: 600, goalText: '新建标准化服务站3个', goalValue: 3, goalUnit: '个', scope: '偏远村社', source: 'deputy' },
  { title: '新增公共充电桩', department: 'JT', costWan: 500, goalText: '新增公共充电桩200个', goalValue: 200, goalUnit: '个', scope: '公共停车场', source: 'public', proposer: '网络征集' },
  { title: '应急避难场所建设', department: 'YJGL', costWan: 450, goalText: '建成应急避难场所2处', goalValue: 2, goalUnit: '处', scope: '镇中心及党湾片', source: 'department' },
];

/** The 2026 paper tally: 96 deputies on the roll, 91 present, 91 ballots of ten choices each. */
const VOTES_2026 = [88, 86, 85, 83, 80, 79, 77, 43, 74, 70, 66, 41, 38];

const CANDIDATES_2027: DemoCandidate[] = [
  { title: '婴幼儿照护驿站进社区', department: 'WJ', costWan: 500, goalText: '建成照护驿站6个', goalValue: 6, goalUnit: '个', scope: '人口集中村社', source: 'deputy' },
  { title: '老年食堂全覆盖', department: 'MZ', costWan: 650, goalText: '新建老年食堂8家', goalValue: 8, goalUnit: '家', scope: '全镇', source: 'public', proposer: '群众建议' },
  { title: '背街小巷改造', department: 'ZJ', costWan: 1800, goalText: '改造背街小巷15条', goalValue: 15, goalUnit: '条', scope: '镇区', source: 'department' },
  { title: '中小学校“放心午餐”', department: 'JY', costWan: 300, goalText: '覆盖学生1.2万人', goalValue: 12000, goalUnit: '人', scope: '辖区中小学', source: 'deputy' },
  { title: '城市书房建设', department: 'JY', costWan: 400, goalText: '建成城市书房3家', goalValue: 3, goalUnit: '家', scope: '镇区、坎山、党湾', source: 'public', proposer: '网络征集' },
  { title: '智慧停车诱导系统', department: 'JT', costWan: 600, goalText: '接入停车场30个', goalValue: 30, goalUnit: '个', scope: '镇区', source: 'department' },
  { title: '农村生活污水提标', department: 'SL', costWan: 2500, goalText: '提标改造终端40个', goalValue: 40, goalUnit: '个', scope: '各行政村', source: 'department' },
  { title: '全民健身中心', department: 'JY', costWan: 2000, goalText: '建成健身中心1个', goalValue: 1, goalUnit: '个', scope: '镇中心', source: 'deputy' },
  { title: '电梯加装', department: 'ZJ', costWan: 900, goalText: '加装电梯30台', goalValue: 30, goalUnit: '台', scope: '多层住宅', source: 'public', proposer: '12345热线建议' },
  { title: '菜市场“放心秤”', department: 'SCJG', costWan: 80, goalText: '配置放心秤300台', goalValue: 300, goalUnit: '台', scope: '全镇农贸市场', source: 'department' },
  { title: '防汛排涝泵站改造', department: 'SL', costWan: 1600, goalText: '改造泵站5座', goalValue: 5, goalUnit: '座', scope: '低洼片区', source: 'department' },
  { title: '残疾人之家', department: 'MZ', costWan: 250, goalText: '建成残疾人之家2家', goalValue: 2, goalUnit: '家', scope: '镇区、党湾片', source: 'deputy' },
  { title: '快递进村', department: 'JT', costWan: 150, goalText: '建成村级快递站20个', goalValue: 20, goalUnit: '个', scope: '各行政村', source: 'public', proposer: '村民代表联名' },
];

/** How each chosen 2026 project stood at the end of October 2026: sub-results, milestones, figures. */
interface Tracking {
  status: ResultStatus;
  achieved?: number;
  progress?: number;
  parts?: { title: string; weight: number; status: ResultStatus; progress?: number; goalText?: string; goalValue?: number; goalUnit?: string; achieved?: number }[];
  milestones: { title: string; due: string; done?: string }[];
}

const TRACKING: Record<string, Tracking> = {
  新建普惠性托育机构: {
    status: 'in_progress',
    parts: [
      { title: '镇区托育园(80托位)', weight: 2, status: 'completed', goalText: '托位80个', goalValue: 80, goalUnit: '个', achieved: 80 },
      { title: '东恩片托育点(40托位)', weight: 1, status: 'in_progress', goalText: '托位40个', goalValue: 40, goalUnit: '个', achieved: 25 },
      { title: '坎山片托育点(40托位)', weight: 1, status: 'started', goalText: '托位40个', goalValue: 40, goalUnit: '个', achieved: 0 },
    ],
    milestones: [
      { title: '选址与方案批复', due: '2026-03-31', done: '2026-03-25' },
      { title: '镇区托育园开园', due: '2026-08-31', done: '2026-09-01' },
      { title: '全部托位投用', due: '2026-12-31' },
    ],
  },
  老旧小区综合改造: {
    status: 'in_progress',
    parts: [
      { title: '航民小区', weight: 1, status: 'completed' },
      { title: '瓜沥新村', weight: 1, status: 'in_progress', progress: 65 },
      { title: '明朗小区', weight: 1, status: 'delayed', progress: 20 },
    ],
    milestones: [
      { title: '设计方案公示', due: '2026-03-15', done: '2026-03-12' },
      { title: '开工', due: '2026-05-01', done: '2026-05-10' },
      { title: '竣工验收', due: '2026-12-20' },
    ],
  },
  居家养老服务中心提升: { status: 'in_progress', achieved: 1, milestones: [{ title: '党湾片中心投用', due: '2026-07-31', done: '2026-07-20' }, { title: '坎山片中心投用', due: '2026-11-30' }] },
  农贸市场提升改造: { status: 'completed', achieved: 2, milestones: [{ title: '瓜沥农贸市场完工', due: '2026-06-30', done: '2026-06-18' }, { title: '坎山农贸市场完工', due: '2026-09-30', done: '2026-09-28' }] },
  新增公共停车泊位: { status: 'in_progress', achieved: 320, milestones: [{ title: '医院周边泊位', due: '2026-06-30', done: '2026-06-30' }, { title: '商圈泊位', due: '2026-12-31' }] },
  河道综合整治: { status: 'delayed', achieved: 5.5, milestones: [{ title: '运西河段完工', due: '2026-06-30', done: '2026-08-15' }, { title: '永兴河段完工', due: '2026-10-31' }] },
  学校阳光厨房建设: { status: 'completed', achieved: 8, milestones: [{ title: '暑期集中改造', due: '2026-08-31', done: '2026-08-28' }] },
  城乡公交线路优化: { status: 'in_progress', achieved: 3, milestones: [{ title: '线路方案听证', due: '2026-04-30', done: '2026-04-22' }, { title: '新线开通', due: '2026-10-31', done: '2026-10-15' }] },
  口袋公园建设: { status: 'in_progress', achieved: 3, milestones: [{ title: '选点', due: '2026-03-31', done: '2026-04-02' }, { title: '全部建成', due: '2026-11-30' }] },
  垃圾分类示范小区创建: { status: 'in_progress', achieved: 7, milestones: [{ title: '年中验收', due: '2026-06-30', done: '2026-07-05' }, { title: '年终验收', due: '2026-12-15' }] },
  社区卫生服务站标准化: { status: 'in_progress', achieved: 2, milestones: [{ title: '两站投用', due: '2026-09-30', done: '2026-09-30' }] },
};

/** Seeds the demo livelihood data of a district (skipped when it has some already). Returns how many records it made. */
export async function seedDemoLivelihood(options: { db: Db; districtCode: string; now?: Date }): Promise<number> {
  const { db } = options;
  const admin: Actor = systemActor('system:demo-livelihood');
  if ((await listCycles({ db, actor: admin })).length > 0) return 0;
  const deputies = (await listUsers({ db, actor: admin, role: 'deputy' }))
    .filter((u) => u.regionCode.startsWith(GUALI))
    .sort((a, b) => a.username.localeCompare(b.username));
  // The demo needs the town; a district without it has no livelihood demo.
  let made = 0;
  try {
    made += await seed2026(db, admin, deputies);
    made += await seed2027(db, admin, deputies);
  } catch (error) {
    if (error instanceof Error && 'code' in error && (error as { code: string }).code === 'NOT_FOUND') return made;
    throw error;
  }
  return made;
}

function deputyActor(user: { id: string; username: string; regionCode: string }): Actor {
  return {
    userId: user.id,
    label: `user:${user.username}`,
    role: 'deputy',
    districtCode: user.regionCode.slice(0, 6),
    regionCode: user.regionCode,
    regionPath: `/${user.regionCode.slice(0, 6)}/${user.regionCode.slice(0, 9)}/`,
    departmentCode: null,
  };
}

async function addCandidates(db: Db, admin: Actor, cycleId: string, list: DemoCandidate[], deputies: { id: string; username: string; regionCode: string }[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, c] of list.entries()) {
    const deputy = c.source === 'deputy' ? deputies[i % Math.max(1, deputies.length)] : undefined;
    const actor = deputy ? deputyActor(deputy) : admin;
    const created = await proposeCandidate({
      db,
      actor,
      cycleId,
      input: {
        title: c.title,
        description: `${c.scope}:${c.goalText}`,
        source: c.source,
        proposerLabel: c.source === 'department' ? null : (c.proposer ?? null),
        costWan: c.costWan,
        scope: c.scope,
        departmentCode: c.department,
        goalText: c.goalText,
        goalValue: c.goalValue,
        goalUnit: c.goalUnit,
      },
    });
    ids.push(created.id);
  }
  return ids;
}

async function screenAll(db: Db, admin: Actor, ids: string[]): Promise<void> {
  for (const id of ids) {
    await screenCandidate({ db, actor: admin, id, input: { version: 1, feasibility: 'feasible', onBallot: true, screeningNote: '经镇人大主席团会同有关部门论证,资金已列入预算' } });
  }
}

async function seed2026(db: Db, admin: Actor, deputies: { id: string; username: string; regionCode: string }[]): Promise<number> {
  const cycle = await createCycle({ db, actor: admin, input: { regionCode: GUALI, year: 2026, plannedSeats: 10 } });
  const ids = await addCandidates(db, admin, cycle.id, CANDIDATES_2026, deputies);
  let version = (await setCyclePhase({ db, actor: admin, id: cycle.id, input: { phase: 'screening', version: cycle.version } })).version;
  await screenAll(db, admin, ids);
  version = (await setCyclePhase({ db, actor: admin, id: cycle.id, input: { phase: 'balloting', version } })).version;
  await recordPaperBallot({
    db,
    actor: admin,
    cycleId: cycle.id,
    input: {
      title: '瓜沥镇第十八届人民代表大会第五次会议民生实事项目票决',
      heldOn: '2026-01-16',
      seats: 10,
      roll: 96,
      present: 91,
      cast: 91,
      votes: ids.map((candidateId, i) => ({ candidateId, votes: VOTES_2026[i] ?? 0 })),
    },
  });
  await setCyclePhase({ db, actor: admin, id: cycle.id, input: { phase: 'implementing', version } });
  let made = 1 + ids.length + 1;
  const { results } = await listResults({ db, actor: admin, cycleId: cycle.id });
  for (const result of results) {
    const tracking = TRACKING[result.title.replace(/[“”]/g, '')];
    made += 1;
    if (!tracking) continue;
    let current = result;
    await updateResult({ db, actor: admin, id: result.id, input: { version: current.version, startDate: '2026-02-01', endDate: '2026-12-31', status: 'started', note: '项目启动' } });
    for (const part of tracking.parts ?? []) {
      const child = await createResult({ db, actor: admin, cycleId: cycle.id, input: { title: part.title, parentId: result.id, weight: part.weight, goalText: part.goalText ?? null, goalValue: part.goalValue ?? null, goalUnit: part.goalUnit ?? null } });
      await updateResult({ db, actor: admin, id: child.id, input: { version: child.version, status: part.status, ...(part.progress !== undefined ? { progress: part.progress } : {}), ...(part.achieved !== undefined ? { achievedValue: part.achieved } : {}), note: '10月进度' } });
      made += 1;
    }
    current = (await listResults({ db, actor: admin, cycleId: cycle.id })).results.find((r) => r.id === result.id) ?? current;
    await updateResult({
      db,
      actor: admin,
      id: result.id,
      input: { version: current.version, status: tracking.status, ...(tracking.achieved !== undefined ? { achievedValue: tracking.achieved } : {}), ...(tracking.progress !== undefined ? { progress: tracking.progress } : {}), note: '截至2026年10月底' },
    });
    for (const m of tracking.milestones) {
      const milestone = await addMilestone({ db, actor: admin, resultId: result.id, input: { title: m.title, dueDate: m.due } });
      if (m.done) await updateMilestone({ db, actor: admin, id: milestone.id, input: { version: milestone.version, doneDate: m.done } });
      made += 1;
    }
  }
  // 年中视察: the demo deputies evaluate a few projects.
  const comments = ['托育园环境好,建议加快片区托育点建设', '明朗小区进度滞后,请加强施工组织', null, '改造后群众反映良好'];
  const levels = [
    [92, 'satisfied'],
    [78, 'basically_satisfied'],
    [88, 'satisfied'],
  ] as const;
  for (const [i, deputy] of deputies.slice(0, 3).entries()) {
    for (const [j, result] of results.slice(0, 4).entries()) {
      const [score, satisfaction] = levels[(i + j) % levels.length] as (typeof levels)[number];
      await evaluateResult({ db, actor: deputyActor(deputy), resultId: result.id, input: { score: score - i, satisfaction, comment: i === 0 ? (comments[j] ?? null) : null } });
      made += 1;
    }
  }
  return made;
}

async function seed2027(db: Db, admin: Actor, deputies: { id: string; username: string; regionCode: string }[]): Promise<number> {
  const cycle = await createCycle({ db, actor: admin, input: { regionCode: GUALI, year: 2027, plannedSeats: 10 } });
  const ids = await addCandidates(db, admin, cycle.id, CANDIDATES_2027, deputies);
  const screening = (await setCyclePhase({ db, actor: admin, id: cycle.id, input: { phase: 'screening', version: cycle.version } })).version;
  await screenAll(db, admin, ids);
  await setCyclePhase({ db, actor: admin, id: cycle.id, input: { phase: 'balloting', version: screening } });
  if (deputies.length === 0) return 1 + ids.length;
  const session = await createBallotSession({ db, actor: admin, cycleId: cycle.id, input: { title: '瓜沥镇第十八届人民代表大会第六次会议民生实事项目票决(演示)', seats: 10 } });
  // The chair's desk checks in the deputies on the roll (the town's own congress).
  for (const deputy of deputies.filter((d) => d.regionCode === GUALI)) await checkInDeputy({ db, actor: admin, sessionId: session.id, userId: deputy.id });
  await openBallotSession({ db, actor: admin, sessionId: session.id });
  return 2 + ids.length + deputies.length;
}
