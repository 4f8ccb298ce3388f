import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '@/domains/users/users-service.js';
import { systemActor, type Actor } from '@/shared/actor.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { FIXTURE_DISTRICT, FIXTURE_TOWN, setUpBallot, type BallotFixture } from './ballot-fixture.js';
import {
  addMilestone,
  castBallot,
  closeBallotSession,
  countBallotSession,
  createResult,
  evaluateResult,
  getCycle,
  getResult,
  importResults,
  listPublicPromises,
  listResults,
  setCyclePhase,
  updateMilestone,
  updateResult,
} from './livelihood-service.js';

let t: TestDatabase;
let fx: BallotFixture;
let handler: Actor;
let deputy: Actor;
let rootId: string;

const deputyActor = (d: { id: string; username: string }): Actor => ({
  userId: d.id,
  label: `user:${d.username}`,
  role: 'deputy',
  districtCode: FIXTURE_DISTRICT,
  regionCode: FIXTURE_TOWN,
  regionPath: `/${FIXTURE_DISTRICT}/${FIXTURE_TOWN}/`,
  departmentCode: null,
});

beforeAll(async () => {
  t = await createTestDatabase();
  fx = await setUpBallot(t.ctx, { deputies: 3, candidates: 2, seats: 2, prefix: 'res' });
  const db = t.ctx.db;
  for (const d of fx.deputies) await castBallot({ db, actor: deputyActor(d), sessionId: fx.sessionId, input: { choices: fx.candidateIds } });
  await closeBallotSession({ db, actor: fx.manager, sessionId: fx.sessionId });
  await countBallotSession({ db, actor: fx.manager, sessionId: fx.sessionId });
  const { cycle } = await getCycle({ db, actor: fx.manager, id: fx.cycleId });
  await setCyclePhase({ db, actor: fx.manager, id: fx.cycleId, input: { phase: 'implementing', version: cycle.version } });
  const user = await createUser({ db, actor: systemActor(), input: { username: 'jy.handler', displayName: '教育局经办', role: 'department_handler', regionCode: FIXTURE_DISTRICT, departmentCode: 'JY', password: 'Handler-pass-1x' } });
  handler = { userId: user.id, label: 'user:jy.handler', role: 'department_handler', districtCode: FIXTURE_DISTRICT, regionCode: FIXTURE_DISTRICT, regionPath: `/${FIXTURE_DISTRICT}/`, departmentCode: 'JY' };
  deputy = deputyActor(fx.deputies[0]!);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('tracked results', () => {
  it('made one result per chosen project, owned by its department', async () => {
    const { results } = await listResults({ db: t.ctx.db, actor: fx.manager, cycleId: fx.cycleId });
    expect(results).toHaveLength(2);
    expect(results.every((r) => r.departmentCode === 'JY' && r.status === 'planned' && r.progress === 0)).toBe(true);
    rootId = results[0]!.id;
  });

  it('rolls weighted progress of sub-results up to the project', async () => {
    const db = t.ctx.db;
    const a = await createResult({ db, actor: fx.manager, cycleId: fx.cycleId, input: { title: '新增托位', parentId: rootId, weight: 3, goalText: '新增托位160个', goalValue: 160, goalUnit: '个' } });
    const b = await createResult({ db, actor: handler, cycleId: fx.cycleId, input: { title: '改造场地', parentId: rootId, weight: 1 } });
    await updateResult({ db, actor: handler, id: a.id, input: { version: a.version, achievedValue: 80, status: 'in_progress', note: '已建成两处' } });
    await updateResult({ db, actor: handler, id: b.id, input: { version: b.version, status: 'completed' } });
    const { result, history } = await getResult({ db, actor: fx.manager, id: rootId });
    // (3 × 50 + 1 × 100) / 4 = 62.5
    expect(result.progress).toBe(62.5);
    expect(result.children.map((c) => c.progress).sort()).toEqual([100, 50]);
    expect(history.length).toBeGreaterThanOrEqual(1);
    const child = await getResult({ db, actor: fx.manager, id: a.id });
    expect(child.history[0]?.text).toContain('完成值:— → 80');
  });

  it('answers CONFLICT to a stale version and FORBIDDEN to other departments and fields', async () => {
    const db = t.ctx.db;
    const { result } = await getResult({ db, actor: fx.manager, id: rootId });
    await expect(updateResult({ db, actor: fx.manager, id: rootId, input: { version: result.version - 1 + 5, progress: 10 } })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(updateResult({ db, actor: handler, id: rootId, input: { version: result.version, title: '改名' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(updateResult({ db, actor: { ...handler, departmentCode: 'WJ' }, id: rootId, input: { version: result.version, progress: 10 } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(updateResult({ db, actor: { ...fx.manager, regionPath: '/330110/' }, id: rootId, input: { version: result.version, progress: 10 } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps milestones and evaluations, and imports results from CSV', async () => {
    const db = t.ctx.db;
    const m = await addMilestone({ db, actor: handler, resultId: rootId, input: { title: '完成选址', dueDate: '2027-03-31' } });
    await updateMilestone({ db, actor: handler, id: m.id, input: { version: m.version, doneDate: '2027-03-20' } });
    await evaluateResult({ db, actor: deputy, resultId: rootId, input: { score: 90, satisfaction: 'satisfied', comment: '进度符合预期' } });
    await evaluateResult({ db, actor: deputy, resultId: rootId, input: { score: 85, satisfaction: 'basically_satisfied' } });
    await expect(evaluateResult({ db, actor: handler, resultId: rootId, input: { score: 85, satisfaction: 'satisfied' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { result, evaluations } = await getResult({ db, actor: fx.manager, id: rootId });
    expect(result.milestones).toMatchObject([{ title: '完成选址', doneDate: '2027-03-20' }]);
    expect(evaluations).toHaveLength(1);
    expect(evaluations[0]).toMatchObject({ score: 85, satisfactionLabel: '基本满意', deputyName: '代表001' });

    const csv = `标题,上级,权重,状态,进度,目标值,单位,完成值\n${result.title},,2,推进中,,,,\n新增食堂,${result.title},1,已完成,,,,\n坏行,不存在的上级,1,,,,,\n另一行,,abc,,,,,\n`;
    const report = await importResults({ db, actor: fx.manager, cycleId: fx.cycleId, csv });
    expect(report.created).toBe(1);
    expect(report.updated).toBe(1);
    expect(report.rejected.map((r) => [r.row, r.field])).toEqual([
      [4, 'parent'],
      [5, 'weight'],
    ]);
    const after = await getResult({ db, actor: fx.manager, id: rootId });
    expect(after.result.children).toHaveLength(3);
    expect(after.result.weight).toBe(2);
  });

  it('shows the public promises without personal data', async () => {
    const cycles = await listPublicPromises({ db: t.ctx.db, regionCode: FIXTURE_TOWN });
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.promises).toHaveLength(2);
    const text = JSON.stringify(cycles);
    expect(text).not.toContain('代表0');
    expect(text).not.toContain('jy.handler');
    expect(text).toContain('新增托位160个');
  });
});
