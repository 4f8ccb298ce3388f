import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '@/domains/system/backup-service.js';
import { getLiveCount, listCycles, listPublicPromises, listResults, getCycle } from '@/domains/livelihood/livelihood-service.js';
import { systemActor } from '@/shared/actor.js';
import { seedStandardDemo } from '../../../test/helpers/factories.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { seedDemoLivelihood } from './demo-livelihood.js';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedStandardDemo(t.ctx);
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe('seedDemoLivelihood', () => {
  it('seeds a finished 2026 ballot with tracked results and an open 2027 ballot, once', async () => {
    const db = t.ctx.db;
    const actor = systemActor('test');
    expect(await seedDemoLivelihood({ db, districtCode: '330109' })).toBeGreaterThan(40);
    const cycles = await listCycles({ db, actor });
    expect(cycles.map((c) => [c.year, c.phase])).toEqual([
      [2027, 'balloting'],
      [2026, 'implementing'],
    ]);
    const last = await getCycle({ db, actor, id: cycles[1]!.id });
    expect(last.candidates).toHaveLength(13);
    expect(last.candidates.filter((c) => c.outcome === 'elected')).toHaveLength(10);
    expect(last.sessions[0]?.result?.recorded).toBe(true);
    const { results } = await listResults({ db, actor, cycleId: cycles[1]!.id });
    expect(results).toHaveLength(10);
    const nursery = results.find((r) => r.goalText === '新增托位160个');
    // (2 × 100 + 1 × 62.5 + 1 × 0) / 4
    expect(nursery?.progress).toBe(65.6);
    expect(nursery?.children).toHaveLength(3);
    const current = await getCycle({ db, actor, id: cycles[0]!.id });
    const live = await getLiveCount({ db, actor, sessionId: current.sessions[0]!.id });
    expect(live).toMatchObject({ roll: 3, present: 3, voted: 0 });
    expect(live.session.status).toBe('open');
    expect((await listPublicPromises({ db })).flatMap((c) => c.promises)).toHaveLength(10);
    expect(await seedDemoLivelihood({ db, districtCode: '330109' })).toBe(0);
  }, 120_000);

  it('survives a backup and restore (nested results, runoff parents, history identity)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shuzhi-livelihood-'));
    const target = await createTestDatabase();
    try {
      const file = join(dir, 'backup.jsonl.gz');
      const written = await backupDatabase({ db: t.ctx.db, engine: t.database.engine, file });
      expect(written.livelihood_results).toBeGreaterThan(10);
      expect(await restoreDatabase({ db: target.ctx.db, file })).toEqual(written);
      const cycles = await listCycles({ db: target.ctx.db, actor: systemActor('test') });
      const { results } = await listResults({ db: target.ctx.db, actor: systemActor('test'), cycleId: cycles[1]!.id });
      expect(results.find((r) => r.goalText === '新增托位160个')?.progress).toBe(65.6);
    } finally {
      await target.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
