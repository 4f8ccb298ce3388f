import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '@/shared/actor.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { listAudit, recordChanges, verifyAuditChain } from './audit-service.js';

let t: TestDatabase;
const actor = systemActor('test:audit');

beforeAll(async () => {
  t = await createTestDatabase();
  const db = t.ctx.db;
  for (let i = 1; i <= 5; i += 1) {
    await db.transaction().execute((tx) =>
      recordChanges(tx, actor, [
        { districtCode: '330109', action: 'thing.changed', entityType: 'thing', entityId: `a${i}`, before: { n: i - 1 }, after: { n: i, nested: { z: 1, a: [1, 2] } } },
        { districtCode: '330110', action: 'thing.changed', entityType: 'thing', entityId: `b${i}`, before: null, after: { n: i } },
      ]),
    );
  }
});
afterAll(() => t.close());

async function withTriggerOff(body: () => Promise<unknown>): Promise<void> {
  await sql`alter table audit_log disable trigger audit_log_append_only`.execute(t.ctx.db);
  try {
    await body();
  } finally {
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(t.ctx.db);
  }
}

describe('the audit log', () => {
  it('keeps one intact chain per district', async () => {
    const result = await verifyAuditChain(t.ctx.db);
    expect(result).toMatchObject({ ok: true, chains: 2, rowsChecked: 10, problems: [] });
  });

  it('refuses updates and deletes', async () => {
    await expect(sql`update audit_log set action = 'x'`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_heads`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
  });

  it('lists entries newest first with their before and after', async () => {
    const entries = await listAudit(t.ctx.db, { actor, entityType: 'thing', entityId: 'a3' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'test:audit', before: { n: 2 }, after: { n: 3 } });
  });

  it('detects an edited row even when the trigger was disabled', async () => {
    await withTriggerOff(() => sql`update audit_log set after = '{"n": 99}' where district_code = '330109' and seq = 3`.execute(t.ctx.db));
    const result = await verifyAuditChain(t.ctx.db);
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(expect.objectContaining({ districtCode: '330109', seq: 3, problem: 'edited' }));
  });

  it('detects a deleted row in the middle and at the end', async () => {
    await withTriggerOff(async () => {
      await sql`delete from audit_log where district_code = '330110' and seq = 2`.execute(t.ctx.db);
      await sql`delete from audit_log where district_code = '330110' and seq = 5`.execute(t.ctx.db);
    });
    const result = await verifyAuditChain(t.ctx.db);
    const problems = result.problems.filter((p) => p.districtCode === '330110').map((p) => p.problem);
    expect(problems).toContain('missing');
    expect(problems).toContain('head_mismatch');
  });

  it('keeps a chain whole when many transactions append at once, from its very first link', async () => {
    // On a server (TEST_DATABASE_URL) these run on several connections and race for the head;
    // a new district's chain has no head row yet when they start. PGlite runs them one after
    // another, so there the test only checks the chain's bookkeeping.
    const append = (district: string, n: number) =>
      t.ctx.db.transaction().execute((tx) =>
        recordChanges(tx, actor, [{ districtCode: district, action: 'thing.raced', entityType: 'thing', entityId: `r${n}`, before: null, after: { n } }]),
      );
    await Promise.all(Array.from({ length: 24 }, (_, n) => append(n % 2 ? '330111' : '330112', n)));
    await Promise.all(Array.from({ length: 24 }, (_, n) => append(n % 2 ? '330111' : '330112', 100 + n)));
    const result = await verifyAuditChain(t.ctx.db);
    expect(result.problems.filter((p) => p.districtCode === '330111' || p.districtCode === '330112')).toEqual([]);
    const heads = await t.ctx.db.selectFrom('audit_heads').select(['district_code', 'seq']).where('district_code', 'in', ['330111', '330112']).orderBy('district_code').execute();
    expect(heads.map((h) => [h.district_code, Number(h.seq)])).toEqual([['330111', 24], ['330112', 24]]);
  });
});
