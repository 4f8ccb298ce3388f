import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDistrictAndTowns } from '@/domains/regions/regions-service.js';
import { systemActor, type Actor } from '@/shared/actor.js';
import { AppError } from '@/shared/errors.js';
import { createTestUser, seedStandardDemo } from '../../../test/helpers/factories.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import {
  actOnItem,
  getItem,
  getSuggestionStats,
  getUnitRatings,
  listItems,
  raiseFromSources,
  raiseSupervisionItem,
  sweepSupervision,
  type RaiseSupervisionInput,
} from './supervision-service.js';

let t: TestDatabase;
const district = '330109';
const guali = '330109112';
let otherTown: string;
const now = new Date('2026-10-15T02:00:00Z');

function actor(role: Actor['role'], extra: Partial<Actor> = {}): Actor {
  const regionCode = extra.regionCode ?? district;
  const regionPath = regionCode === district ? `/${district}/` : `/${district}/${regionCode}/`;
  return { userId: randomUUID(), label: `user:${role}`, role, districtCode: district, regionCode, regionPath, departmentCode: null, ...extra };
}
const supervisor = actor('supervisor');
const cg = actor('department_handler', { departmentCode: 'CG' });
const zj = actor('department_handler', { departmentCode: 'ZJ' });
const gualiAdmin = actor('town_admin', { regionCode: guali });
const viewer = actor('viewer');

const base = (extra: Partial<RaiseSupervisionInput> = {}): RaiseSupervisionInput => ({
  sourceType: 'leadership',
  sourceId: null,
  title: '区长批示:整治瓜沥镇主干道乱停车',
  description: '请城管局牵头,一个月内完成整治',
  regionCode: guali,
  leadUnit: { kind: 'department', code: 'CG' },
  assistingUnits: [{ kind: 'region', code: guali }],
  deadline: '2026-11-14',
  feedbackIntervalDays: 7,
  ...extra,
});

async function expectError(promise: Promise<unknown>, code: string, field?: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (field) expect((error as AppError).field).toBe(field);
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedStandardDemo(t.ctx);
  const { towns } = await listDistrictAndTowns({ db: t.ctx.db, districtCode: district });
  otherTown = towns.find((x) => x.code !== guali)?.code as string;
}, 240_000);
afterAll(async () => {
  await t?.close();
});

describe('raising', () => {
  it('raises numbered items with an audit row', async () => {
    const first = await raiseSupervisionItem({ db: t.ctx.db, actor: supervisor, input: base(), now });
    const second = await raiseSupervisionItem({ db: t.ctx.db, actor: supervisor, input: base({ title: '第二件' }), now });
    expect(first.code).toBe('DB2026-0001');
    expect(second.code).toBe('DB2026-0002');
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity_type', '=', 'supervision_item').execute();
    expect(audit.map((a) => a.entity_id)).toEqual(expect.arrayContaining(['DB2026-0001', 'DB2026-0002']));
    const shown = await getItem({ db: t.ctx.db, actor: viewer, ref: 'DB2026-0001', now });
    expect(shown.item.row.state).toBe('pending');
    expect(shown.events.map((e) => e.action)).toEqual(['raise']);
  });

  it.each([
    ['a malformed deadline', base({ deadline: '2026-13-01' }), 'VALIDATION_FAILED', 'deadline'],
    ['a past deadline', base({ deadline: '2026-10-14' }), 'VALIDATION_FAILED', 'deadline'],
    ['an empty title', base({ title: '  ' }), 'VALIDATION_FAILED', 'title'],
    ['an unknown department', base({ leadUnit: { kind: 'department', code: 'NOPE' } }), 'NOT_FOUND', 'leadUnit.code'],
    ['a lead that also assists', base({ assistingUnits: [{ kind: 'department', code: 'CG' }] }), 'VALIDATION_FAILED', 'assistingUnits.0'],
    ['a suggestion without a deputy', base({ sourceType: 'deputy_suggestion' }), 'VALIDATION_FAILED', 'deputyName'],
    ['a case without its id', base({ sourceType: 'case' }), 'VALIDATION_FAILED', 'sourceId'],
    ['a region out of the district', base({ regionCode: '330110001' }), 'NOT_FOUND', 'regionCode'],
    ['the district as the lead unit (nobody acts for it)', base({ regionCode: district, leadUnit: { kind: 'region', code: district } }), 'VALIDATION_FAILED', 'leadUnit.code'],
  ])('refuses %s', async (_name, input, code, field) => {
    await expectError(raiseSupervisionItem({ db: t.ctx.db, actor: supervisor, input, now }), code, field);
  });

  it('lets only the office raise, and a town only in its town', async () => {
    await expectError(raiseSupervisionItem({ db: t.ctx.db, actor: cg, input: base(), now }), 'FORBIDDEN');
    // Problems on projects come through the projects domain; the board's raise is the office's.
    await expectError(raiseSupervisionItem({ db: t.ctx.db, actor: cg, input: base({ sourceType: 'project', sourceId: '42', assistingUnits: [], assign: true }), now }), 'FORBIDDEN');
    await expectError(raiseSupervisionItem({ db: t.ctx.db, actor: supervisor, input: base({ sourceType: 'project', sourceId: '999999', assistingUnits: [] }), now }), 'NOT_FOUND', 'sourceId');
    await expectError(raiseSupervisionItem({ db: t.ctx.db, actor: gualiAdmin, input: base({ regionCode: otherTown }), now }), 'NOT_FOUND', 'regionCode');
    const own = await raiseSupervisionItem({ db: t.ctx.db, actor: gualiAdmin, input: base({ assistingUnits: [] }), now });
    expect(own.code).toMatch(/^DB2026-/);
  });

  it('accepts a microgrid as the region (overdue cases sit in microgrids)', async () => {
    const microgrid = await t.ctx.db.selectFrom('regions').select('code').where('level', '=', 'microgrid').where('path', 'like', `/${district}/${guali}/%`).orderBy('code').executeTakeFirstOrThrow();
    const { code } = await raiseSupervisionItem({ db: t.ctx.db, actor: supervisor, input: base({ regionCode: microgrid.code, title: '微网格' }), now });
    const shown = await getItem({ db: t.ctx.db, actor: gualiAdmin, ref: code, now });
    expect(shown.item.row.region_code).toBe(microgrid.code);
  });

  it('refuses a second live item for the same overdue case', async () => {
    const input = base({ sourceType: 'case', sourceId: '999001', title: '超期案件 999001' });
    await raiseSupervisionItem({ db: t.ctx.db, actor: supervisor, input, now });
    await expectError(raiseSupervisionItem({ db: t.ctx.db, actor: supervisor, input, now }), 'ALREADY_EXISTS', 'sourceId');
  });

  it('reports per source in a bulk raise without stopping', async () => {
    const { results } = await raiseFromSources({
      db: t.ctx.db,
      actor: supervisor,
      input: { sources: [{ kind: 'case', id: 'no-such-case' }, { kind: 'project', id: '1' }], deadline: '2026-11-30' },
      now,
    });
    expect(results.map((r) => [r.ok, r.code])).toEqual([
      [false, 'NOT_FOUND'],
      [false, 'NOT_FOUND'],
    ]);
  });
});

describe('the workflow', () => {
  it('goes 交办 → 签收 → 反馈 → 办结申请 → 驳回 → 办结, each step checked', async () => {
    const { code } = await raiseSupervisionItem({ db: t.ctx.db, actor: supervisor, input: base({ title: '流程' }), now });
    const act = (who: Actor, action: string, version: number, extra: Record<string, unknown> = {}, at = now) =>
      actOnItem({ db: t.ctx.db, actor: who, ref: code, request: { action: action as never, version, ...extra }, now: at });
    await expectError(act(cg, 'sign', 1), 'TRANSITION_NOT_ALLOWED', 'action');
    await expectError(act(supervisor, 'sign', 1), 'FORBIDDEN');
    let s = await act(supervisor, 'assign', 1);
    expect(s.row.state).toBe('assigned');
    await expectError(act(zj, 'sign', 2), 'FORBIDDEN');
    await expectError(act(cg, 'sign', 1), 'CONFLICT');
    s = await act(cg, 'sign', 2);
    expect(s.row.state).toBe('signed');
    await expectError(act(cg, 'feedback', 3, { progress: 40 }), 'VALIDATION_FAILED', 'note');
    s = await act(cg, 'feedback', 3, { progress: 40, note: '已清理车辆 40 辆' });
    expect([s.row.state, s.row.progress]).toEqual(['in_progress', 40]);
    s = await act(gualiAdmin, 'feedback', 4, { note: '镇里配合设置护栏' });
    expect([s.row.state, s.row.progress]).toEqual(['in_progress', 40]);
    await expectError(act(supervisor, 'approve', 5), 'TRANSITION_NOT_ALLOWED', 'action');
    s = await act(cg, 'submit', 5, { note: '已整治完毕' });
    expect(s.row.state).toBe('reported');
    await expectError(act(cg, 'approve', 6), 'FORBIDDEN');
    s = await act(supervisor, 'reject', 6, { note: '仍有车辆违停' });
    expect([s.row.state, s.row.reject_count]).toEqual(['in_progress', 1]);
    await act(cg, 'submit', 7, { note: '复查无违停' });
    s = await act(supervisor, 'approve', 8);
    expect([s.row.state, s.row.completed_on_time, s.row.colour]).toEqual(['completed', true, 'green']);
    const detail = await getItem({ db: t.ctx.db, actor: viewer, ref: code, now });
    expect(detail.events.map((e) => e.action)).toEqual(['raise', 'assign', 'sign', 'feedback', 'feedback', 'submit', 'reject', 'submit', 'approve']);
    expect(detail.item.actions).toEqual([]);
  });

  it('hides items of another town (NOT_FOUND) and lets viewers read only', async () => {
    const { code } = await raiseSupervisionItem({ db: t.ctx.db, actor: supervisor, input: base({ regionCode: otherTown, assistingUnits: [], title: '别的镇' }), now });
    await expectError(getItem({ db: t.ctx.db, actor: gualiAdmin, ref: code, now }), 'NOT_FOUND');
    await expectError(actOnItem({ db: t.ctx.db, actor: gualiAdmin, ref: code, request: { action: 'assign', version: 1 }, now }), 'NOT_FOUND');
    await expectError(actOnItem({ db: t.ctx.db, actor: viewer, ref: code, request: { action: 'assign', version: 1 }, now }), 'FORBIDDEN');
    const list = await listItems({ db: t.ctx.db, actor: gualiAdmin, query: { page: 1, pageSize: 500 }, now });
    expect(list.items.every((i) => i.row.region_path.startsWith(`/${district}/${guali}/`))).toBe(true);
  });
});

describe('a unit never supervises itself', () => {
  const act = (who: Actor, ref: string, action: string, version: number, extra: Record<string, unknown> = {}, at = now) =>
    actOnItem({ db: t.ctx.db, actor: who, ref, request: { action: action as never, version, ...extra }, now: at });

  it('lets a town work on an item about its own town, but only the district office approves, rejects or cancels', async () => {
    // As raised from a red indicator: the town is both the region and the lead.
    const { code } = await raiseSupervisionItem({ db: t.ctx.db, actor: supervisor, input: base({ title: '指标落后', leadUnit: { kind: 'region', code: guali }, assistingUnits: [], assign: true }), now });
    expect((await getItem({ db: t.ctx.db, actor: gualiAdmin, ref: code, now })).item.relations).toEqual(['lead']);
    await act(gualiAdmin, code, 'sign', 1);
    await expectError(act(gualiAdmin, code, 'cancel', 2, { note: '不办了' }), 'FORBIDDEN');
    await act(gualiAdmin, code, 'submit', 2, { note: '已整改' });
    await expectError(act(gualiAdmin, code, 'approve', 3), 'FORBIDDEN');
    await expectError(act(gualiAdmin, code, 'reject', 3, { note: '再改' }), 'FORBIDDEN');
    expect((await act(supervisor, code, 'approve', 3)).row.state).toBe('completed');
  });

  it('keeps an assisting town from approving, and a town from raising and assigning its own item', async () => {
    const { code } = await raiseSupervisionItem({ db: t.ctx.db, actor: supervisor, input: base({ title: '协办镇', assign: true }), now });
    expect((await getItem({ db: t.ctx.db, actor: gualiAdmin, ref: code, now })).item.relations).toEqual(['assisting']);
    await expectError(act(gualiAdmin, code, 'cancel', 1, { note: '撤销' }), 'FORBIDDEN');
    await expectError(
      raiseSupervisionItem({ db: t.ctx.db, actor: gualiAdmin, input: base({ title: '自己交办自己', leadUnit: { kind: 'region', code: guali }, assistingUnits: [], assign: true }), now }),
      'FORBIDDEN',
      'assign',
    );
    // Still the office of items in its town that others lead.
    const led = await raiseSupervisionItem({ db: t.ctx.db, actor: gualiAdmin, input: base({ title: '镇督办部门', assistingUnits: [], assign: true }), now });
    expect((await getItem({ db: t.ctx.db, actor: gualiAdmin, ref: led.code, now })).item.relations).toEqual(['office']);
  });

  it('lets the deputy, not the lead town, evaluate a suggestion the town leads', async () => {
    const { code } = await raiseSupervisionItem({
      db: t.ctx.db,
      actor: supervisor,
      input: base({ sourceType: 'deputy_suggestion', title: '镇主办建议', deputyName: '王代表', leadUnit: { kind: 'region', code: guali }, assistingUnits: [], assign: true }),
      now,
    });
    await act(gualiAdmin, code, 'reply', 1, { date: '2026-10-12' });
    await expectError(act(gualiAdmin, code, 'evaluate', 2, { satisfaction: 'satisfied' }), 'FORBIDDEN');
    // Out of the way of the suggestion statistics below (cancelled suggestions are not counted).
    await act(supervisor, code, 'cancel', 2, { note: '测试结束' });
  });

  it('lets a town see and work on a district item it leads', async () => {
    const { code, id } = await raiseSupervisionItem({ db: t.ctx.db, actor: supervisor, input: base({ title: '全区事项镇主办', regionCode: district, leadUnit: { kind: 'region', code: guali }, assistingUnits: [], assign: true }), now });
    const shown = await getItem({ db: t.ctx.db, actor: gualiAdmin, ref: code, now });
    expect(shown.item.relations).toEqual(['lead']);
    expect((await getItem({ db: t.ctx.db, actor: gualiAdmin, ref: String(id), now })).item.row.code).toBe(code);
    const list = await listItems({ db: t.ctx.db, actor: gualiAdmin, query: { page: 1, pageSize: 500 }, now });
    expect(list.items.map((i) => i.row.code)).toContain(code);
    expect((await act(gualiAdmin, code, 'sign', 1)).row.state).toBe('signed');
    const other = actor('town_admin', { regionCode: otherTown });
    await expectError(getItem({ db: t.ctx.db, actor: other, ref: code, now }), 'NOT_FOUND');
  });
});

describe('judging units on their own time', () => {
  const act = (who: Actor, ref: string, action: string, version: number, extra: Record<string, unknown> = {}, at = now) =>
    actOnItem({ db: t.ctx.db, actor: who, ref, request: { action: action as never, version, ...extra }, now: at });
  const jt = actor('department_handler', { departmentCode: 'JT' });
  const yj = actor('department_handler', { departmentCode: 'YJGL' });

  it('judges on time from the (last) application, not from the approval', async () => {
    const { code } = await raiseSupervisionItem({ db: t.ctx.db, actor: supervisor, input: base({ title: '按时申请', leadUnit: { kind: 'department', code: 'JT' }, assistingUnits: [], deadline: '2026-10-20', assign: true }), now });
    await act(jt, code, 'sign', 1);
    await act(jt, code, 'submit', 2, { note: '完成' }, new Date('2026-10-18T02:00:00Z'));
    // The office approves after the deadline: the unit was on time.
    const done = await act(supervisor, code, 'approve', 3, {}, new Date('2026-10-25T02:00:00Z'));
    expect([done.row.completed_on_time, done.row.colour]).toEqual([true, 'green']);
    const late = await raiseSupervisionItem({ db: t.ctx.db, actor: supervisor, input: base({ title: '驳回后迟交', leadUnit: { kind: 'department', code: 'JT' }, assistingUnits: [], deadline: '2026-10-20', assign: true }), now });
    await act(jt, late.code, 'sign', 1);
    await act(jt, late.code, 'submit', 2, { note: '完成' }, new Date('2026-10-18T02:00:00Z'));
    await act(supervisor, late.code, 'reject', 3, { note: '不合格' }, new Date('2026-10-19T02:00:00Z'));
    await act(jt, late.code, 'submit', 4, { note: '重新完成' }, new Date('2026-10-22T02:00:00Z'));
    expect((await act(supervisor, late.code, 'approve', 5, {}, new Date('2026-10-23T02:00:00Z'))).row.completed_on_time).toBe(false);
  });

  it('does not rate a unit on items 待交办 or held by the office, and keeps a cancelled item’s red months', async () => {
    const september = new Date('2026-09-01T02:00:00Z');
    await raiseSupervisionItem({ db: t.ctx.db, actor: supervisor, input: base({ title: '一直待交办', leadUnit: { kind: 'department', code: 'YJGL' }, assistingUnits: [], deadline: '2026-09-10' }), now: september });
    const held = await raiseSupervisionItem({ db: t.ctx.db, actor: supervisor, input: base({ title: '办结待审核', leadUnit: { kind: 'department', code: 'YJGL' }, assistingUnits: [], deadline: '2026-09-10', assign: true }), now: september });
    await act(yj, held.code, 'sign', 1, {}, september);
    await act(yj, held.code, 'submit', 2, { note: '完成' }, new Date('2026-09-05T02:00:00Z'));
    const cancelled = await raiseSupervisionItem({ db: t.ctx.db, actor: supervisor, input: base({ title: '逾期后撤销', leadUnit: { kind: 'department', code: 'SCJG' }, assistingUnits: [], deadline: '2026-09-10', assign: true }), now: september });
    await sweepSupervision({ db: t.ctx.db, now: new Date('2026-09-15T02:00:00Z') });
    await act(supervisor, cancelled.code, 'cancel', 2, { note: '领导同意撤销' }, new Date('2026-10-02T02:00:00Z'));
    const ratings = await getUnitRatings({ db: t.ctx.db, actor: supervisor, period: '2026-09', now });
    // Only the item it applied to complete in time: due once (not the 待交办 one), not red.
    expect(ratings.ratings.find((r) => r.code === 'YJGL')).toMatchObject({ due: 1, overdue: 0, colour: 'green' });
    expect(ratings.ratings.find((r) => r.code === 'SCJG')?.colour).toBe('red');
  });
});

describe('the sweep and the 红黄黑榜', () => {
  it('escalates blue → yellow → red, flags overdue once, and black-lists after a red notice', async () => {
    const raisedAt = new Date('2026-09-01T02:00:00Z');
    const { code } = await raiseSupervisionItem({
      db: t.ctx.db,
      actor: supervisor,
      input: base({ title: '督办扬尘治理', leadUnit: { kind: 'department', code: 'ZJ' }, assistingUnits: [], deadline: '2026-09-20', feedbackIntervalDays: null, assign: true }),
      now: raisedAt,
    });
    const level = async () => (await getItem({ db: t.ctx.db, actor: supervisor, ref: code, now })).item.row;
    await sweepSupervision({ db: t.ctx.db, now: new Date('2026-09-14T02:00:00Z') });
    expect((await level()).notice_level).toBe('blue');
    await sweepSupervision({ db: t.ctx.db, now: new Date('2026-09-18T02:00:00Z') });
    expect([(await level()).notice_level, (await level()).colour]).toEqual(['yellow', 'yellow']);
    const overdueAt = new Date('2026-09-21T02:00:00Z');
    const first = await sweepSupervision({ db: t.ctx.db, now: overdueAt });
    expect(first.overdue).toBeGreaterThanOrEqual(1);
    const again = await sweepSupervision({ db: t.ctx.db, now: overdueAt });
    expect(again).toEqual({ recoloured: 0, overdue: 0, notices: 0 });
    const row = await level();
    expect([row.notice_level, row.colour, row.overdue_at?.toISOString()]).toEqual(['red', 'red', overdueAt.toISOString()]);
    const detail = await getItem({ db: t.ctx.db, actor: supervisor, ref: code, now });
    expect(detail.notices.map((n) => n.colour)).toEqual(['blue', 'yellow', 'red']);
    const september = await getUnitRatings({ db: t.ctx.db, actor: supervisor, period: '2026-09', now });
    const zjRating = september.ratings.find((r) => r.code === 'ZJ');
    expect(zjRating?.colour).toBe('red');
    expect(zjRating?.list).toBe('black');
    expect(zjRating?.blackReasons.join()).toContain('红色督办');
    const october = await getUnitRatings({ db: t.ctx.db, actor: supervisor, period: '2026-10', now });
    expect(october.black.find((r) => r.code === 'ZJ')?.blackReasons).toContain('连续两期红灯');
  });
});

describe("deputies' suggestions", () => {
  it('tracks 见面, 答复 and 评价 and computes the three rates', async () => {
    const deputyUser = await createTestUser(t.ctx, { role: 'deputy', regionCode: guali });
    const deputy: Actor = { ...actor('deputy', { regionCode: guali }), userId: deputyUser.id };
    const raise = (title: string, deputyUserId: string | null) =>
      raiseSupervisionItem({
        db: t.ctx.db,
        actor: supervisor,
        input: base({ sourceType: 'deputy_suggestion', title, deputyName: '张代表', deputyUserId, leadUnit: { kind: 'region', code: guali }, assistingUnits: [], assign: true }),
        now,
      });
    const mine = await raise('关于增设公交站点的建议', deputyUser.id);
    const other = await raise('关于改善农贸市场环境的建议', null);
    await expectError(getItem({ db: t.ctx.db, actor: deputy, ref: other.code, now }), 'NOT_FOUND');
    const act = (who: Actor, ref: string, action: string, version: number, extra: Record<string, unknown> = {}) =>
      actOnItem({ db: t.ctx.db, actor: who, ref, request: { action: action as never, version, ...extra }, now });
    await expectError(act(deputy, mine.code, 'evaluate', 1, { satisfaction: 'satisfied' }), 'VALIDATION_FAILED', 'satisfaction');
    await expectError(act(gualiAdmin, mine.code, 'meet', 1, { date: '2026-10-20' }), 'VALIDATION_FAILED', 'date');
    await act(gualiAdmin, mine.code, 'meet', 1, { date: '2026-10-10' });
    await act(gualiAdmin, mine.code, 'reply', 2, { date: '2026-10-12', note: '已协调公交公司' });
    await expectError(act(cg, mine.code, 'evaluate', 3, { satisfaction: 'satisfied' }), 'FORBIDDEN');
    const evaluated = await act(deputy, mine.code, 'evaluate', 3, { satisfaction: 'basically_satisfied' });
    expect(evaluated.row.satisfaction).toBe('basically_satisfied');
    await act(gualiAdmin, other.code, 'reply', 1, { date: '2026-10-13' });
    await expectError(act(cg, (await raiseSupervisionItem({ db: t.ctx.db, actor: supervisor, input: base({ title: '非建议' }), now })).code, 'meet', 1, { date: '2026-10-10' }), 'VALIDATION_FAILED', 'action');
    // A suggestion still 待交办 is the office's, not yet the unit's: not counted.
    await raiseSupervisionItem({
      db: t.ctx.db,
      actor: supervisor,
      input: base({ sourceType: 'deputy_suggestion', title: '待交办的建议', deputyName: '李代表', leadUnit: { kind: 'region', code: guali }, assistingUnits: [] }),
      now,
    });
    const stats = await getSuggestionStats({ db: t.ctx.db, actor: supervisor, now });
    expect(stats.units.find((u) => u.code === guali)?.total).toBe(2);
    expect(stats.overall).toMatchObject({ total: 2, met: 1, replied: 2, evaluated: 1, meetRate: 0.5, replyRate: 1, satisfactionRate: 1 });
    const own = await getSuggestionStats({ db: t.ctx.db, actor: deputy, now });
    expect(own.items.map((i) => i.row.code)).toEqual([mine.code]);
  });
});

describe('the command line', () => {
  it('acts as the system in every relation', async () => {
    const sys = systemActor('test:cli');
    const { code } = await raiseSupervisionItem({ db: t.ctx.db, actor: sys, input: base({ title: 'CLI', assign: true }), now });
    const s = await actOnItem({ db: t.ctx.db, actor: sys, ref: code, request: { action: 'sign', version: 1 }, now });
    expect(s.row.state).toBe('signed');
  });
});
