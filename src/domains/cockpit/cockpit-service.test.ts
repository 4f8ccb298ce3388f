/**
 * The cockpit's short reuse of answers: the same screen asked again while nothing changed is
 * the same answer; any change (an audit row in the district) shows in the very next one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeCase } from '@/domains/cases/cases-service.js';
import { locatePoint } from '@/domains/regions/regions-service.js';
import { systemActor, type Actor } from '@/shared/actor.js';
import { seedStandardDemo } from '../../../test/helpers/factories.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { getCockpit } from './cockpit-service.js';

let t: TestDatabase;
const district = '330109';
const actor: Actor = { ...systemActor('test:cockpit'), userId: null, districtCode: district, regionCode: district, regionPath: `/${district}/` };
let point: { lon: number; lat: number; town: string };

beforeAll(async () => {
  t = await createTestDatabase();
  await seedStandardDemo(t.ctx);
  const row = await t.ctx.db.selectFrom('regions').select(['min_lon', 'min_lat', 'max_lon', 'max_lat']).where('level', '=', 'microgrid').orderBy('code').executeTakeFirstOrThrow();
  for (let i = 1; i < 10 && !point; i += 1) {
    const lon = (row.min_lon as number) + (((row.max_lon as number) - (row.min_lon as number)) * i) / 10;
    const lat = ((row.min_lat as number) + (row.max_lat as number)) / 2;
    const located = await locatePoint({ cache: t.ctx.locator, actor: systemActor(), lon, lat });
    if (located.found) point = { lon, lat, town: located.chain.find((c) => c.level === 'town')?.code as string };
  }
}, 240_000);
afterAll(async () => t?.close());

describe('getCockpit reuses an answer only while the district is unchanged', () => {
  it('answers the same screen twice with one computation, and a new case at once', async () => {
    const deps = { db: t.ctx.db, cache: t.ctx.cases, actor };
    // The first read of a district may set up its defaults (catalogues), which is a change.
    await getCockpit({ ...deps, region: district, metric: 'indicator_completion' });
    const first = await getCockpit({ ...deps, region: point.town, metric: 'on_time_closure_rate' });
    expect(await getCockpit({ ...deps, region: point.town, metric: 'on_time_closure_rate' })).toBe(first);
    // Another metric, region or reader is another answer.
    expect(await getCockpit({ ...deps, region: point.town, metric: 'overdue_per_1000' })).not.toBe(first);
    expect(await getCockpit({ ...deps, region: district, metric: 'on_time_closure_rate' })).not.toBe(first);
    expect(await getCockpit({ ...deps, actor: { ...actor, label: 'test:other' }, region: point.town, metric: 'on_time_closure_rate' })).not.toBe(first);

    await intakeCase({ ...deps, input: { channel: 'hotline', description: '路灯不亮已经一周', categoryCode: 'SJ0101', lon: point.lon, lat: point.lat } });
    const after = await getCockpit({ ...deps, region: point.town, metric: 'on_time_closure_rate' });
    expect(after.seq).toBeGreaterThan(first.seq);
    expect(after.cases.receivedToday).toBe(first.cases.receivedToday + 1);
    expect(after.cases.month.received).toBe(first.cases.month.received + 1);
  });

  it('never shares a read at a given time', async () => {
    const deps = { db: t.ctx.db, cache: t.ctx.cases, actor, now: new Date() };
    const a = await getCockpit({ ...deps, region: point.town, metric: 'on_time_closure_rate' });
    const b = await getCockpit({ ...deps, region: point.town, metric: 'on_time_closure_rate' });
    expect(b).not.toBe(a);
    expect(b).toEqual(a);
  });
});
