import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '@/domains/audit/audit-service.js';
import { login } from '@/domains/auth/auth-service.js';
import { countRegions, getRegion } from '@/domains/regions/regions-service.js';
import { systemActor } from '@/shared/actor.js';
import { createTestUser, seedStandardDemo } from '../../../test/helpers/factories.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { backupDatabase, restoreDatabase } from './backup-service.js';

let source: TestDatabase;
let target: TestDatabase;
const dir = mkdtempSync(join(tmpdir(), 'shuzhi-backup-'));
let password = '';
let username = '';

beforeAll(async () => {
  source = await createTestDatabase();
  target = await createTestDatabase();
  await seedStandardDemo(source.ctx);
  const user = await createTestUser(source.ctx, { role: 'town_admin', regionCode: '330109112' });
  password = user.password;
  username = user.username;
});
afterAll(async () => {
  await source.close();
  await target.close();
});

describe('backup and restore', () => {
  it('restores everything into an empty database: regions, accounts, audit chain', async () => {
    const file = join(dir, 'full.szb');
    const written = await backupDatabase({ db: source.ctx.db, engine: source.database.engine, file });
    expect(written.regions).toBe(await countRegions({ db: source.ctx.db }));
    const restored = await restoreDatabase({ db: target.ctx.db, file });
    expect(restored).toEqual(written);
    expect(await countRegions({ db: target.ctx.db })).toBe(written.regions);
    const guali = await getRegion({ db: target.ctx.db, actor: systemActor(), code: '330109112' });
    expect(guali.descendants.microgrid).toBe(1644);
    expect(guali.geometry).toEqual((await getRegion({ db: source.ctx.db, actor: systemActor(), code: '330109112' })).geometry);
    const verification = await verifyAuditChain(target.ctx.db);
    expect(verification.ok).toBe(true);
    expect(verification.rowsChecked).toBe(written.audit_log);
    const session = await login({ db: target.ctx.db, settings: target.ctx.auth, username, password, ip: null, userAgent: null });
    expect(session.user.region_code).toBe('330109112');
  });

  it('replaces what was there, rather than merging', async () => {
    await createTestUser(target.ctx, { role: 'viewer', regionCode: '330109', username: 'only.in.target' });
    await restoreDatabase({ db: target.ctx.db, file: join(dir, 'full.szb') });
    const users = await target.ctx.db.selectFrom('users').select('username').where('username', '=', 'only.in.target').execute();
    expect(users).toEqual([]);
  });

  it('rejects a missing or truncated backup as invalid, changing nothing', async () => {
    const before = await countRegions({ db: target.ctx.db });
    await expect(restoreDatabase({ db: target.ctx.db, file: join(dir, 'missing.szb') })).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
    const whole = readFileSync(join(dir, 'full.szb'));
    const truncated = join(dir, 'truncated.szb');
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(restoreDatabase({ db: target.ctx.db, file: truncated })).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
    expect(await countRegions({ db: target.ctx.db })).toBe(before);
    expect((await verifyAuditChain(target.ctx.db)).ok).toBe(true);
  });

  it('rejects a file that is not a backup and changes nothing', async () => {
    const bad = join(dir, 'bad.szb');
    writeFileSync(bad, 'not a backup');
    const before = await countRegions({ db: target.ctx.db });
    await expect(restoreDatabase({ db: target.ctx.db, file: bad })).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
    expect(await countRegions({ db: target.ctx.db })).toBe(before);
  });
});
