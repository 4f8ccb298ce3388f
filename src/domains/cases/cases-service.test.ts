import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locatePoint } from '@/domains/regions/regions-service.js';
import { systemActor, type Actor } from '@/shared/actor.js';
import type { CaseAction } from '@/shared/case-vocabulary.js';
import { createTestUser, seedStandardDemo } from '../../../test/helpers/factories.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { getCatalogue } from './case-catalogue-service.js';
import { checkRollups, getCaseMetrics } from './case-metrics-service.js';
import { actOnCase, getCase, intakeCase, listCases, readAttachment, sweepOverdueCases, uploadAttachment, type CaseDeps } from './cases-service.js';
import { importHotlineCases } from './case-import-service.js';
import { addRollupDeltas, listRollupRows, listSupervisionNotices } from './cases-repository.js';
import { contributionOf } from './case-metrics.js';

let t: TestDatabase;
const district = '330109';
let operator: Actor;
let dispatcher: Actor;
let handler: Actor;
let otherHandler: Actor;
let gridWorker: Actor;
let viewer: Actor;
let point: { lon: number; lat: number; microgrid: string; town: string };

function actorOf(user: { id: string; username: string; role: Actor['role']; regionCode: string; departmentCode: string | null }, path: string): Actor {
  return {
    userId: user.id,
    label: `user:${user.username}`,
    role: user.role,
    districtCode: district,
    regionCode: user.regionCode,
    regionPath: path,
    departmentCode: user.departmentCode,
  };
}

const deps = (actor: Actor, now?: Date): CaseDeps => ({ db: t.ctx.db, cache: t.ctx.cases, actor, now });

beforeAll(async () => {
  t = await createTestDatabase();
  await seedStandardDemo(t.ctx);
  const path = `/${district}/`;
  operator = actorOf(await createTestUser(t.ctx, { role: 'operator', regionCode: district }), path);
  dispatcher = actorOf(await createTestUser(t.ctx, { role: 'dispatcher', regionCode: district }), path);
  handler = actorOf(await createTestUser(t.ctx, { role: 'department_handler', regionCode: district, departmentCode: 'CG' }), path);
  otherHandler = actorOf(await createTestUser(t.ctx, { role: 'department_handler', regionCode: district, departmentCode: 'SCJG' }), path);
  gridWorker = actorOf(await createTestUser(t.ctx, { role: 'grid_worker', regionCode: district }), path);
  viewer = actorOf(await createTestUser(t.ctx, { role: 'viewer', regionCode: district }), path);
  // A point inside some micro-grid of the demo: walk a small lattice until the locator hits.
  const row = await t.ctx.db.selectFrom('regions').select(['code', 'min_lon', 'min_lat', 'max_lon', 'max_lat']).where('level', '=', 'microgrid').orderBy('code').executeTakeFirstOrThrow();
  for (let i = 1; i < 10 && !point; i += 1) {
    for (let j = 1; j < 10 && !point; j += 1) {
      const lon = (row.min_lon as number) + (((row.max_lon as number) - (row.min_lon as number)) * i) / 10;
      const lat = (row.min_lat as number) + (((row.max_lat as number) - (row.min_lat as number)) * j) / 10;
      const located = await locatePoint({ cache: t.ctx.locator, actor: systemActor(), lon, lat });
      if (located.found && located.microgrid) point = { lon, lat, microgrid: located.microgrid.code, town: located.chain.find((c) => c.level === 'town')?.code as string };
    }
  }
}, 240_000);
afterAll(async () => t?.close());

async function step(actor: Actor, id: number, action: CaseAction, params: Record<string, unknown> = {}, now?: Date) {
  const current = await getCase({ ...deps(operator), id });
  return actOnCase({ ...deps(actor, now), id, request: { action, version: current.version, ...params } });
}

describe('catalogue', () => {
  it('is seeded from the defaults with the 12345 natures', async () => {
    const { categories, natures } = await getCatalogue({ db: t.ctx.db, districtCode: district });
    expect(categories.filter((c) => c.minorCode).length).toBeGreaterThan(60);
    expect(categories.find((c) => c.code === 'SJ0101')?.departmentCode).toBeTruthy();
    expect(natures.map((n) => n.code).sort()).toEqual(['complaint', 'enquiry', 'help', 'report', 'suggestion']);
  });
});

describe('intake', () => {
  it('routes a point to its micro-grid and town and the class to its department, with a whole-case clock', async () => {
    const { case: c } = await intakeCase({ ...deps(operator), input: { channel: 'hotline', description: '路边有暴露垃圾', categoryCode: 'SJ0101', lon: point.lon, lat: point.lat, reporterName: '张三', reporterPhone: '13812345678' } });
    expect(c.regionCode).toBe(point.microgrid);
    expect(c.townCode).toBe(point.town);
    expect(c.departmentCode).toBeTruthy();
    expect(c.status).toBe('reported');
    expect(c.clocks.map((k) => k.stage)).toEqual(['total']);
    expect(c.reporterPhone).toBe('13812345678');
    const seenByViewer = await getCase({ ...deps(viewer), id: c.id });
    expect(seenByViewer.reporterPhone).toBe('138****5678');
    expect(seenByViewer.reporterName).toBe('张*');
    expect(seenByViewer.allowedActions).toEqual([]);
  });

  it('puts a case without a place in the unrouted queue', async () => {
    const { case: c } = await intakeCase({ ...deps(operator), input: { channel: 'hotline', description: '咨询办事流程', nature: 'enquiry' } });
    expect(c.townCode).toBeNull();
    expect(c.clocks[0]?.kind).toBe('working_days');
    const { items } = await listCases({ ...deps(operator), filters: { queue: 'unrouted', page: 1, pageSize: 50 } });
    expect(items.map((i) => i.id)).toContain(c.id);
  });

  it('never makes a second case for a retried request, and refuses a reused key', async () => {
    const input = { channel: 'citizen' as const, description: '井盖缺失', categoryCode: 'BJ0101', lon: point.lon, lat: point.lat };
    const first = await intakeCase({ ...deps(operator), input, idempotencyKey: 'k-1' });
    const again = await intakeCase({ ...deps(operator), input, idempotencyKey: 'k-1' });
    expect(again.replayed).toBe(true);
    expect(again.case.id).toBe(first.case.id);
    await expect(intakeCase({ ...deps(operator), input: { ...input, description: '别的' }, idempotencyKey: 'k-1' })).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    // Concurrent retries: still one case.
    const racing = await Promise.all([1, 2, 3].map(() => intakeCase({ ...deps(operator), input, idempotencyKey: 'k-2' })));
    expect(new Set(racing.map((r) => r.case.id)).size).toBe(1);
  });

  it('flags a likely duplicate: same class, same place, same day', async () => {
    const input = { channel: 'grid_patrol' as const, description: '道路积水', categoryCode: 'SJ0405', lon: point.lon, lat: point.lat };
    const a = await intakeCase({ ...deps(gridWorker), input });
    const b = await intakeCase({ ...deps(gridWorker), input: { ...input, lon: point.lon + 0.0001 } });
    expect(b.case.duplicateOf).toBe(a.case.id);
    expect((await getCase({ ...deps(operator), id: a.case.id })).duplicateCandidates.map((d) => d.id)).toContain(b.case.id);
  });

  it('stores concurrent intakes together: each with its own audit row and reporter, one bad one failing alone', async () => {
    const before = await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const base = { channel: 'hotline' as const, categoryCode: 'SJ0101', lon: point.lon, lat: point.lat };
    const taken = await intakeCase({ ...deps(operator), input: { ...base, description: '先到的工单', externalId: 'GC-TAKEN' } });
    // Twelve at once: the first goes alone, the rest queue behind it into one batch. Among
    // them: a repeated idempotency key (one case, one replay), an external id already
    // stored (fails alone), and cases near each other (the later ones flag the earlier).
    const reporters = [operator, gridWorker, dispatcher];
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        intakeCase({
          ...deps(reporters[i % 3] as Actor),
          input: { ...base, channel: i % 3 === 1 ? ('grid_patrol' as const) : ('hotline' as const), description: `并发工单 ${i}`, externalId: i === 6 ? 'GC-TAKEN' : `GC-${i}` },
          idempotencyKey: i === 9 || i === 10 ? 'same-key-batch' : `batch-${i}`,
        }),
      ),
    );
    // Keys are per reporter: 9 (operator) and 10 (grid worker) do not collide.
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [[i, (r.reason as { code?: string }).code]] : []));
    expect(failed).toEqual([[6, 'ALREADY_EXISTS']]);
    const stored = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.case] : []));
    expect(new Set(stored.map((c) => c.id)).size).toBe(11);
    for (const c of stored) expect(c.duplicateOf).not.toBeNull();
    const audit = await t.ctx.db.selectFrom('audit_log').select(['entity_id', 'actor_label', 'at']).where('action', '=', 'case.created').where('entity_id', 'in', stored.map((c) => String(c.id))).execute();
    expect(audit.length).toBe(11);
    for (const [i, r] of results.entries()) {
      if (r.status !== 'fulfilled') continue;
      expect(audit.find((a) => a.entity_id === String(r.value.case.id))?.actor_label).toBe((reporters[i % 3] as Actor).label);
    }
    const after = await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(12);
    expect(taken.case.externalId).toBe('GC-TAKEN');
    expect((await checkRollups({ db: t.ctx.db, districtCode: district })).differences).toEqual([]);
  });

  it('writes concurrent intakes in shared transactions', async () => {
    // The first goes alone (somewhere else); the other seven queue into one batch at a
    // place with no earlier case, so their likely duplicates can only be each other.
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        intakeCase({ ...deps(operator), input: { channel: 'hotline', description: `同批工单 ${i}`, categoryCode: 'SJ0101', lon: point.lon + (i === 0 ? 0.02 : 0.01), lat: point.lat } }),
      ),
    );
    const batch = results.slice(1).map((r) => r.case);
    expect(batch.filter((c) => c.duplicateOf === null).length).toBe(1);
    const first = batch.find((c) => c.duplicateOf === null)?.id;
    for (const c of batch) if (c.id !== first) expect(c.duplicateOf).toBe(first);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['at']).where('action', '=', 'case.created').where('entity_id', 'in', results.map((r) => String(r.case.id))).execute();
    expect(audit.length).toBe(8);
    // One transaction stamps its audit rows with one time: fewer times than cases.
    expect(new Set(audit.map((a) => new Date(a.at).getTime())).size).toBeLessThan(8);
  });

  it('answers one idempotency key used twice in one batch with one case and a replay', async () => {
    const input = { channel: 'citizen' as const, description: '同一请求重发', categoryCode: 'BJ0101', lon: point.lon, lat: point.lat };
    // The first call occupies the writer; the next three queue into one batch with one key.
    const [, ...same] = await Promise.all([
      intakeCase({ ...deps(operator), input: { ...input, description: '占位' } }),
      ...[1, 2, 3].map(() => intakeCase({ ...deps(operator), input, idempotencyKey: 'in-batch' })),
    ]);
    expect(new Set(same.map((r) => r.case.id)).size).toBe(1);
    expect(same.filter((r) => !r.replayed).length).toBe(1);
  });

  it.each([
    [{ categoryCode: 'SJ9999' }, 'UNKNOWN_CATEGORY', 'categoryCode'],
    [{ lon: 120.1, lat: null }, 'VALIDATION_FAILED', 'lat'],
    [{ lon: 200, lat: 30 }, 'VALIDATION_FAILED', 'lon'],
    [{ description: 'x'.repeat(4001) }, 'VALIDATION_FAILED', 'description'],
  ])('refuses bad input (%#)', async (patch, code, field) => {
    const before = await listCases({ ...deps(operator), filters: { page: 1, pageSize: 1 } });
    await expect(intakeCase({ ...deps(operator), input: { channel: 'hotline', description: '描述', ...patch } })).rejects.toMatchObject({ code, field });
    expect((await listCases({ ...deps(operator), filters: { page: 1, pageSize: 1 } })).total).toBe(before.total);
  });

  it('does not let a viewer report', async () => {
    await expect(intakeCase({ ...deps(viewer), input: { channel: 'hotline', description: '描述' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('workflow', () => {
  it('runs the closed loop with rework and an unsatisfied call-back, keeping the timeline', async () => {
    const { case: c } = await intakeCase({ ...deps(operator), input: { channel: 'city_management', description: '店外经营占道', categoryCode: 'SJ0502', lon: point.lon, lat: point.lat } });
    let v = await step(operator, c.id, 'register');
    expect(v.status).toBe('registered');
    expect(v.clocks.map((k) => k.stage)).toEqual(['dispatch', 'total']);
    await expect(step(handler, c.id, 'sign')).rejects.toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });
    await expect(step(operator, c.id, 'dispatch', { departmentCode: 'CG' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    v = await step(dispatcher, c.id, 'dispatch', { departmentCode: 'CG' });
    expect(v.status).toBe('dispatched');
    await expect(step(otherHandler, c.id, 'sign')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await step(handler, c.id, 'sign');
    await expect(step(handler, c.id, 'handle')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'note' });
    v = await step(handler, c.id, 'handle', { note: '已劝离' });
    expect(v.status).toBe('handled');
    v = await step(gridWorker, c.id, 'check_fail', { note: '仍有占道' });
    expect(v.status).toBe('accepted');
    expect(v.counts.reworks).toBe(1);
    await step(handler, c.id, 'handle', { note: '已清理' });
    await step(gridWorker, c.id, 'check_pass');
    v = await step(operator, c.id, 'close');
    expect(v.status).toBe('closed');
    expect(v.closedAt).not.toBeNull();
    v = await step(operator, c.id, 'callback', { satisfaction: 'unsatisfied' });
    expect(v.status).toBe('accepted');
    expect(v.counts.reopens).toBe(1);
    await step(handler, c.id, 'handle', { note: '再次处理' });
    await step(gridWorker, c.id, 'check_pass');
    await step(operator, c.id, 'close');
    v = await step(operator, c.id, 'callback', { satisfaction: 'satisfied' });
    expect(v.status).toBe('visited');
    expect(v.timeline.map((e) => e.action)).toEqual([
      'report', 'register', 'dispatch', 'sign', 'handle', 'check_fail', 'handle', 'check_pass', 'close', 'callback', 'handle', 'check_pass', 'close', 'callback',
    ]);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'case').where('entity_id', '=', String(c.id)).execute();
    expect(audit.length).toBe(14);
  });

  it('lets one of two simultaneous actors win and tells the other of the conflict', async () => {
    const { case: c } = await intakeCase({ ...deps(operator), input: { channel: 'hotline', description: '非法小广告', categoryCode: 'SJ0201', lon: point.lon, lat: point.lat } });
    const results = await Promise.allSettled([
      actOnCase({ ...deps(operator), id: c.id, request: { action: 'register', version: c.version } }),
      actOnCase({ ...deps(operator), id: c.id, request: { action: 'void', version: c.version, note: '重复' } }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toMatchObject({ code: 'CONFLICT' });
  });

  it('pauses the handling clock while parked and moves it by an approved extension', async () => {
    const t0 = new Date('2026-03-02T09:00:00+08:00'); // a Monday
    const { case: c } = await intakeCase({ ...deps(operator, t0), input: { channel: 'hotline', description: '绿地脏乱', categoryCode: 'SJ0105', lon: point.lon, lat: point.lat, receivedAt: t0 } });
    await step(operator, c.id, 'register', {}, t0);
    await step(dispatcher, c.id, 'dispatch', { departmentCode: 'CG' }, t0);
    let v = await step(handler, c.id, 'sign', {}, t0);
    const deadline0 = v.clocks.find((k) => k.stage === 'handle')?.deadline as string;
    await step(handler, c.id, 'request_park', { note: '等待产权单位' }, t0);
    v = await step(dispatcher, c.id, 'approve_park', {}, t0);
    expect(v.status).toBe('parked');
    expect(v.clocks.find((k) => k.stage === 'handle')?.paused).toBe(true);
    const t1 = new Date('2026-03-03T09:00:00+08:00'); // one working day later
    v = await step(dispatcher, c.id, 'unpark', {}, t1);
    const deadline1 = v.clocks.find((k) => k.stage === 'handle')?.deadline as string;
    expect(new Date(deadline1).getTime()).toBeGreaterThan(new Date(deadline0).getTime());
    expect(v.counts.parks).toBe(1);
  });

  it('grants an extension asked in time and refuses one asked too late', async () => {
    const t0 = new Date('2026-03-02T09:00:00+08:00');
    const { case: c } = await intakeCase({ ...deps(operator, t0), input: { channel: 'hotline', description: '私搭乱建', categoryCode: 'SJ0106', lon: point.lon, lat: point.lat, receivedAt: t0 } });
    await step(operator, c.id, 'register', {}, t0);
    await step(dispatcher, c.id, 'dispatch', { departmentCode: 'CG' }, t0);
    let v = await step(handler, c.id, 'sign', {}, t0);
    const before = v.clocks.find((k) => k.stage === 'handle');
    await step(handler, c.id, 'request_extension', { amount: 3, note: '需要协调' }, t0);
    await expect(step(handler, c.id, 'handle', { note: 'x' }, t0)).rejects.toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });
    v = await step(dispatcher, c.id, 'approve_extension', {}, t0);
    const after = v.clocks.find((k) => k.stage === 'handle');
    expect(new Date(after?.deadline as string).getTime()).toBeGreaterThan(new Date(before?.deadline as string).getTime());
    expect(after?.allowedMinutes).toBeGreaterThan(before?.allowedMinutes as number);
    expect(v.counts.extensions).toBe(1);
    const late = new Date(new Date(after?.deadline as string).getTime() - 60_000);
    await expect(step(handler, c.id, 'request_extension', { amount: 1, note: '再延' }, late)).rejects.toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', field: 'amount' });
  });
});

describe('overdue sweep and metrics', () => {
  it('marks overdue cases once, raises a supervision notice, and keeps the roll-up equal to a recomputation', async () => {
    const far = new Date(Date.now() + 400 * 86_400_000);
    const marked = await sweepOverdueCases({ db: t.ctx.db, now: far });
    expect(marked).toBeGreaterThan(0);
    expect(await sweepOverdueCases({ db: t.ctx.db, now: far })).toBe(0);
    const notices = await listSupervisionNotices(t.ctx.db, `/${district}/`, 100);
    expect(notices.length).toBe(marked);
    const check = await checkRollups({ db: t.ctx.db, districtCode: district });
    expect(check.differences).toEqual([]);
    expect(check.cases).toBeGreaterThan(5);
    const month = new Date().toISOString().slice(0, 7);
    const report = await getCaseMetrics({ ...deps(operator), from: '2026-01', to: month > '2026-12' ? month : '2026-12', groupBy: 'region' });
    expect(report.totals.received).toBe(check.cases);
    expect(report.totals.closed).toBeGreaterThanOrEqual(1);
    const byTown = report.groups.reduce((sum, g) => sum + g.metrics.received, 0);
    expect(byTown).toBe(report.totals.received);
    const town = await getCaseMetrics({ ...deps(operator), region: point.town, from: '2026-01', to: '2026-12', groupBy: 'department' });
    expect(town.source).toBe('rollup');
    const community = point.microgrid.slice(0, 12);
    const small = await getCaseMetrics({ ...deps(operator), region: community, from: '2026-01', to: '2026-12', groupBy: 'category' });
    expect(small.source).toBe('cases');
    const smallByRegion = await getCaseMetrics({ ...deps(operator), region: community, from: '2026-01', to: '2026-12', groupBy: 'region' });
    expect(smallByRegion.totals.received).toBe(small.totals.received);
  });
});

describe('scope and races', () => {
  async function townAdmin(town: string): Promise<Actor> {
    return actorOf(await createTestUser(t.ctx, { role: 'town_admin', regionCode: town }), `/${district}/${town}/`);
  }
  async function otherTown(): Promise<string> {
    const row = await t.ctx.db.selectFrom('regions').select('code').where('level', '=', 'town').where('code', '!=', point.town).orderBy('code').executeTakeFirstOrThrow();
    return row.code;
  }

  it('keeps photos within the scope of their case', async () => {
    const mine = await townAdmin(point.town);
    const stranger = await townAdmin(await otherTown());
    const photo = await uploadAttachment({ db: t.ctx.db, actor: mine, name: 'a.png', mime: 'image/png', data: new Uint8Array([1, 2, 3]) });
    // Nobody else may attach someone's upload, nor read it before it is on a case they see.
    await expect(intakeCase({ ...deps(stranger), input: { channel: 'hotline', description: '借用照片', attachmentIds: [photo.id] } })).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'attachmentIds' });
    await expect(readAttachment({ db: t.ctx.db, actor: stranger, id: photo.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await intakeCase({ ...deps(mine), input: { channel: 'grid_patrol', description: '带照片', categoryCode: 'SJ0101', lon: point.lon, lat: point.lat, attachmentIds: [photo.id] } });
    expect((await readAttachment({ db: t.ctx.db, actor: operator, id: photo.id })).data.length).toBe(3);
    await expect(readAttachment({ db: t.ctx.db, actor: stranger, id: photo.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('stores a file imported twice at once exactly once, whoever wins each batch', async () => {
    // Two imports of one file race: INSERT … ON CONFLICT DO NOTHING lets each row in once,
    // whichever import's batch gets there first, and the other counts it as a duplicate.
    const lines = Array.from({ length: 120 }, (_, i) => `RACE${i},2026-03-0${1 + (i % 5)} 10:00,并发导入 ${i},${point.lon},${point.lat}`);
    const csv = `工单编号,受理时间,诉求内容,经度,纬度\n${lines.join('\n')}\n`;
    const run = () => importHotlineCases({ db: t.ctx.db, cache: t.ctx.cases, actor: operator, input: Readable.from([Buffer.from(csv)]), format: 'csv' });
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.imported + b.imported).toBe(120);
    expect(a.duplicates + b.duplicates).toBe(120);
    const stored = await listCases({ ...deps(operator), filters: { q: '并发导入', page: 1, pageSize: 1 } });
    expect(stored.total).toBe(120);
    expect((await checkRollups({ db: t.ctx.db, districtCode: district })).differences).toEqual([]);
  });

  it('counts a list up to a cap when asked, and says it stopped there', async () => {
    for (let i = 0; i < 4; i += 1) await intakeCase({ ...deps(operator), input: { channel: 'hotline', description: `计数 ${i}` } });
    const all = await listCases({ ...deps(operator), filters: { page: 1, pageSize: 2 } });
    expect(all.total).toBeGreaterThan(3);
    expect(all.totalCapped).toBeUndefined();
    const capped = await listCases({ ...deps(operator), countUpTo: 3, filters: { page: 1, pageSize: 2 } });
    expect([capped.total, capped.totalCapped, capped.items.map((i) => i.id)]).toEqual([3, true, all.items.map((i) => i.id)]);
    const roomy = await listCases({ ...deps(operator), countUpTo: all.total, filters: { page: 1, pageSize: 2 } });
    expect([roomy.total, roomy.totalCapped]).toEqual([all.total, undefined]);
  });

  it('lets a town import only into its own town', async () => {
    const stranger = await townAdmin(await otherTown());
    const csv = `工单编号,受理时间,诉求内容,经度,纬度\nSC1,2026-03-02 09:00,别镇的事,${point.lon},${point.lat}\nSC2,2026-03-02 09:00,没写地点,,\n`;
    const report = await importHotlineCases({ db: t.ctx.db, cache: t.ctx.cases, actor: stranger, input: Readable.from([Buffer.from(csv)]), format: 'csv' });
    expect(report.rejected.map((r) => [r.row, r.code, r.message])).toEqual([[2, 'NOT_FOUND', '事发位置不在您的辖区内']]);
    expect(report.imported).toBe(1);
    const stored = await listCases({ ...deps(stranger), filters: { q: '没写地点', page: 1, pageSize: 5 } });
    expect(stored.total).toBe(1);
  });

  it('sends a case reclassified at registration to the new class\'s department', async () => {
    const { case: c } = await intakeCase({ ...deps(operator), input: { channel: 'hotline', description: '井盖', categoryCode: 'BJ0101', lon: point.lon, lat: point.lat } });
    const v = await step(operator, c.id, 'register', { categoryCode: 'BJ0102' });
    expect(v.departmentCode).not.toBe(c.departmentCode);
  });

  it('never merges two cases into each other', async () => {
    const a = (await intakeCase({ ...deps(operator), input: { channel: 'hotline', description: '甲', categoryCode: 'SJ0201', lon: point.lon, lat: point.lat } })).case;
    const b = (await intakeCase({ ...deps(operator), input: { channel: 'hotline', description: '乙', categoryCode: 'SJ0201', lon: point.lon, lat: point.lat } })).case;
    const results = await Promise.allSettled([
      actOnCase({ ...deps(operator), id: a.id, request: { action: 'merge', version: a.version, mergeInto: b.id } }),
      actOnCase({ ...deps(operator), id: b.id, request: { action: 'merge', version: b.version, mergeInto: a.id } }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('counts cases placed only on the town in no community', async () => {
    const community = point.microgrid.slice(0, 12);
    const before = await getCaseMetrics({ ...deps(operator), region: community, from: '2026-01', to: '2026-12', groupBy: 'region' });
    await intakeCase({ ...deps(operator), input: { channel: 'hotline', description: '只到镇', townCode: point.town } });
    const after = await getCaseMetrics({ ...deps(operator), region: community, from: '2026-01', to: '2026-12', groupBy: 'region' });
    expect(after.totals.received).toBe(before.totals.received);
  });
});

describe('routing by hand', () => {
  it('places an unrouted case in a town at registration, and only an unrouted one', async () => {
    const { case: c } = await intakeCase({ ...deps(operator), input: { channel: 'hotline', description: '地点不明的投诉', categoryCode: 'SJ0101' } });
    expect(c.townCode).toBeNull();
    const v = await step(operator, c.id, 'register', { townCode: point.town });
    expect(v.townCode).toBe(point.town);
    expect(v.departmentCode).toBeTruthy();
    const { case: placed } = await intakeCase({ ...deps(operator), input: { channel: 'hotline', description: '已有镇街', townCode: point.town, categoryCode: 'SJ0101' } });
    await expect(step(operator, placed.id, 'register', { townCode: point.town })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'townCode' });
    expect((await checkRollups({ db: t.ctx.db, districtCode: district })).differences).toEqual([]);
  });
});

describe('roll-up writes', () => {
  it('adds thousands of roll-up rows in one go (more than one statement may bind)', async () => {
    const counters = { ...contributionOf({ status: 'reported', registeredAt: null, handledAt: null, handledOnTime: null, checkedAt: null, closedAt: null, closedOnTime: null, closeWorkingMinutes: null, overtimeRatio: null, overdueAt: null, reworkCount: 0, returnCount: 0, extensionCount: 0, parkCount: 0, satisfaction: null }) };
    const deltas = Array.from({ length: 3000 }, (_, i) => ({ month: '1999-01', town_code: 'x', dim: 'category' as const, key: `k${i}`, counters }));
    await t.ctx.db.transaction().execute((tx) => addRollupDeltas(tx, '999999', deltas));
    expect((await listRollupRows(t.ctx.db, '999999')).length).toBe(3000);
  });
});
