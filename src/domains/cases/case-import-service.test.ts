import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDistrictAndTowns, locatePoint } from '@/domains/regions/regions-service.js';
import { systemActor, type Actor } from '@/shared/actor.js';
import { createTestUser, seedStandardDemo } from '../../../test/helpers/factories.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { checkRollups } from './case-metrics-service.js';
import { importHotlineCases, type ImportThreads } from './case-import-service.js';

let t: TestDatabase;
const district = '330109';
let point: { lon: number; lat: number; town: string };
let towns: { code: string; name: string }[];

beforeAll(async () => {
  t = await createTestDatabase();
  await seedStandardDemo(t.ctx);
  const row = await t.ctx.db.selectFrom('regions').select(['min_lon', 'min_lat', 'max_lon', 'max_lat']).where('level', '=', 'microgrid').orderBy('code').executeTakeFirstOrThrow();
  for (let i = 1; i < 10 && !point; i += 1) {
    for (let j = 1; j < 10 && !point; j += 1) {
      const lon = (row.min_lon as number) + (((row.max_lon as number) - (row.min_lon as number)) * i) / 10;
      const lat = (row.min_lat as number) + (((row.max_lat as number) - (row.min_lat as number)) * j) / 10;
      const located = await locatePoint({ cache: t.ctx.locator, actor: systemActor(), lon, lat });
      if (located.found) point = { lon, lat, town: located.chain.find((c) => c.level === 'town')?.code as string };
    }
  }
  towns = (await listDistrictAndTowns({ db: t.ctx.db, districtCode: district })).towns;
}, 240_000);
afterAll(async () => t?.close());

const header = '工单编号,受理时间,诉求性质,问题分类编码,诉求内容,事发地址,经度,纬度,所属镇街,来电人,联系电话,紧急程度';

/** Every kind of row the import meets, numbered with `prefix`. */
function mixedRows(prefix: string): string[] {
  const other = towns.find((t) => t.code !== point.town) as { name: string };
  return [
    `${prefix}1,2026-03-01 09:00:00,投诉,SJ0101,有点的,某路1号,${point.lon},${point.lat},,王,13800000001,一般`,
    `${prefix}2,2026-03-01 09:10:00,咨询,,只有镇名,,,,${other.name},李,13800000002,`,
    `${prefix}3,2026-03-01 09:20:00,投诉,ZZ9999,分类不存在,,,,,,,`,
    `${prefix}4,不是时间,投诉,SJ0101,坏时间,,,,,张,13800000005,一般`,
    `${prefix}5,2026-03-02 09:30:00,求助,SJ0103,紧急的,某路6号,${point.lon},${point.lat},,赵,13800000006,紧急`,
    `${prefix}1,2026-03-01 09:00:00,投诉,SJ0101,文件里重复,某路1号,${point.lon},${point.lat},,王,13800000001,一般`,
    `${prefix}6,2026-03-02 09:40:00,投诉,SJ0101,没有的镇,,,,没有这个镇,,,`,
    `${prefix}7,2026-03-02 09:50:00,建议,,哪里都没写,,,,,,,`,
    `${prefix}8,2026-03-02 10:00:00,投诉,SJ0101,区外的点,,121.9,29.1,,,,`,
    `${prefix}9,2026-03-02 10:10:00,投诉,SJ0101,只有经度,,${point.lon},,,,,`,
    `${prefix}10,2099-03-02 10:10:00,投诉,SJ0101,将来的,,,,,,,`,
  ];
}

const csv = (rows: string[]) => Readable.from([Buffer.from(`${header}\n${rows.join('\n')}\n`)]);

async function run(actor: Actor, rows: string[], threads: ImportThreads) {
  const progress: number[] = [];
  const report = await importHotlineCases({ db: t.ctx.db, cache: t.ctx.cases, actor, input: csv(rows), format: 'csv', threads, onProgress: (p) => progress.push(p.imported) });
  return { report, progress };
}

async function storedRows(prefix: string) {
  const rows = await t.ctx.db
    .selectFrom('cases')
    .selectAll()
    .where('external_id', 'like', `${prefix}%`)
    .orderBy('id')
    .execute();
  // Everything but what differs between two imports by design.
  return rows.map(({ id, token, external_id, created_at, updated_at, ...rest }) => ({ ...rest, external_id: external_id?.slice(prefix.length) ?? null, at: [created_at, updated_at].length, kind: typeof id + typeof token }));
}

describe('hotline import in a worker thread', () => {
  it('reports, stores and rolls up exactly what the main thread does', async () => {
    const now = new Date('2026-04-01T00:00:00Z');
    const main = await importHotlineCases({ db: t.ctx.db, cache: t.ctx.cases, actor: systemActor(), input: csv(mixedRows('TM')), format: 'csv', threads: 'main', now, district });
    const worker = await importHotlineCases({ db: t.ctx.db, cache: t.ctx.cases, actor: systemActor(), input: csv(mixedRows('TW')), format: 'csv', threads: 'worker', now, district });
    expect(worker).toEqual(main);
    expect(main.imported).toBe(5);
    expect(main.duplicates).toBe(1);
    expect(main.rejected.map((r) => [r.row, r.code])).toEqual([
      [4, 'VALIDATION_FAILED'],
      [5, 'VALIDATION_FAILED'],
      [8, 'NOT_FOUND'],
      [11, 'VALIDATION_FAILED'],
      [12, 'VALIDATION_FAILED'],
    ]);
    expect(await storedRows('TW')).toEqual(await storedRows('TM'));
    const again = await importHotlineCases({ db: t.ctx.db, cache: t.ctx.cases, actor: systemActor(), input: csv(mixedRows('TW')), format: 'csv', threads: 'worker', now, district });
    expect([again.imported, again.duplicates]).toEqual([0, 6]);
    expect((await checkRollups({ db: t.ctx.db, districtCode: district })).differences).toEqual([]);
  });

  it('keeps a town\'s import to its own town', async () => {
    const other = towns.find((x) => x.code !== point.town) as { code: string };
    const user = await createTestUser(t.ctx, { role: 'town_admin', regionCode: other.code });
    const actor: Actor = { userId: user.id, label: `user:${user.username}`, role: 'town_admin', districtCode: district, regionCode: other.code, regionPath: `/${district}/${other.code}/`, departmentCode: null };
    const rows = [`TS1,2026-03-02 09:00,投诉,,别镇的事,,${point.lon},${point.lat},,,,`, 'TS2,2026-03-02 09:00,投诉,,没写地点,,,,,,,'];
    const { report } = await run(actor, rows, 'worker');
    expect(report.rejected.map((r) => [r.row, r.code, r.message])).toEqual([[2, 'NOT_FOUND', '事发位置不在您的辖区内']]);
    const stored = await t.ctx.db.selectFrom('cases').select(['town_code']).where('external_id', '=', 'TS2').executeTakeFirstOrThrow();
    expect(stored.town_code).toBe(other.code);
  });

  it('writes a large file in batches, in file order, with progress after each', async () => {
    const rows = Array.from({ length: 6500 }, (_, i) => `TB${i},2026-03-0${1 + (i % 5)} 10:00,投诉,SJ0101,批量 ${i},,${point.lon},${point.lat},,,,`);
    const { report, progress } = await run(systemActor(), rows, 'worker');
    expect([report.imported, report.rejectedCount]).toEqual([6500, 0]);
    expect(progress).toEqual([5000, 6500, 6500]);
    const ids = await t.ctx.db.selectFrom('cases').select(['id', 'external_id']).where('external_id', 'like', 'TB%').orderBy('id').execute();
    expect(ids.map((r) => r.external_id)).toEqual(rows.map((r) => r.split(',')[0]));
    expect((await checkRollups({ db: t.ctx.db, districtCode: district })).differences).toEqual([]);
  }, 120_000);

  it('fails as the main thread does on a file it cannot read', async () => {
    const input = Readable.from([Buffer.from('甲,乙\n1,2\n')]);
    await expect(importHotlineCases({ db: t.ctx.db, cache: t.ctx.cases, actor: systemActor(), input, format: 'csv', threads: 'worker', district })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
