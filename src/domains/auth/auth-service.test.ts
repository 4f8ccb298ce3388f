import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, seedStandardDemo } from '../../../test/helpers/factories.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { AUTH_CACHE_MS, TOKEN_TOUCH_MS, authenticateSession, authenticateToken, createApiToken, forgetAuthentications, login } from './auth-service.js';
import { systemActor } from '@/shared/actor.js';

let t: TestDatabase;
const settings = { sessionHours: 8, loginMaxFailures: 5, loginLockMinutes: 15 };

beforeAll(async () => {
  t = await createTestDatabase();
  await seedStandardDemo(t.ctx);
});
afterAll(() => t.close());

describe('remembering who is behind a session or token', () => {
  it('believes a session for AUTH_CACHE_MS after a lookup, then asks the database again', async () => {
    const user = await createTestUser(t.ctx, { role: 'viewer', regionCode: '330109', username: 'auth.cache.session' });
    const { sessionSecret } = await login({ db: t.ctx.db, settings, username: user.username, password: user.password, ip: null, userAgent: null });
    const start = new Date();
    expect((await authenticateSession({ db: t.ctx.db, sessionSecret, now: start }))?.username).toBe(user.username);
    // Ended behind this process's back (another program): still believed within the window…
    await t.ctx.db.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    expect(await authenticateSession({ db: t.ctx.db, sessionSecret, now: new Date(start.getTime() + AUTH_CACHE_MS - 1) })).toBeDefined();
    // …and refused after it.
    expect(await authenticateSession({ db: t.ctx.db, sessionSecret, now: new Date(start.getTime() + AUTH_CACHE_MS) })).toBeUndefined();
  });

  it('is not fooled by a lookup that read the row before a change was forgotten', async () => {
    const user = await createTestUser(t.ctx, { role: 'viewer', regionCode: '330109', username: 'auth.cache.race' });
    const { sessionSecret } = await login({ db: t.ctx.db, settings, username: user.username, password: user.password, ip: null, userAgent: null });
    // The lookup starts, the session is ended and forgotten while it runs: its answer is used
    // for that one request but not remembered.
    const lookup = authenticateSession({ db: t.ctx.db, sessionSecret });
    forgetAuthentications();
    await t.ctx.db.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await lookup;
    expect(await authenticateSession({ db: t.ctx.db, sessionSecret })).toBeUndefined();
  });

  it('writes a token\'s last use when it looks it up, at most once per TOKEN_TOUCH_MS', async () => {
    const user = await createTestUser(t.ctx, { role: 'operator', regionCode: '330109', username: 'auth.cache.token' });
    const { token, view } = await createApiToken({ db: t.ctx.db, actor: systemActor('test:auth'), username: user.username, name: '对接' });
    const lastUsed = async () => (await t.ctx.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', view.id).executeTakeFirstOrThrow()).last_used_at;
    const start = new Date();
    expect((await authenticateToken({ db: t.ctx.db, token, now: start }))?.username).toBe(user.username);
    const first = new Date((await lastUsed()) as Date).getTime();
    // Looked up again (not from memory) within the minute: no write.
    forgetAuthentications();
    await authenticateToken({ db: t.ctx.db, token, now: new Date(start.getTime() + TOKEN_TOUCH_MS - 1000) });
    expect(new Date((await lastUsed()) as Date).getTime()).toBe(first);
    // Looked up after it: written again.
    forgetAuthentications();
    await authenticateToken({ db: t.ctx.db, token, now: new Date(first + TOKEN_TOUCH_MS + 1000) });
    expect(new Date((await lastUsed()) as Date).getTime()).toBeGreaterThan(first);
  });
});
