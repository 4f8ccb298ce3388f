import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, seedStandardDemo } from '../../test/helpers/factories.js';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/test-db.js';
import { forgetAuthentications } from '@/domains/auth/auth-service.js';
import { buildApp } from './app.js';

let t: TestDatabase;
let app: FastifyInstance;
const accounts: Record<string, { username: string; password: string; cookie?: string }> = {};

async function loginAs(name: string): Promise<string> {
  const account = accounts[name]!;
  if (account.cookie) return account.cookie;
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: account.username, password: account.password } });
  expect(response.statusCode).toBe(200);
  const cookie = response.cookies.find((c) => c.name === 'shuzhi_session')!;
  account.cookie = `shuzhi_session=${cookie.value}`;
  return account.cookie;
}

async function get(name: string, url: string) {
  return app.inject({ method: 'GET', url, headers: { cookie: await loginAs(name) } });
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedStandardDemo(t.ctx);
  app = await buildApp(t.ctx);
  const make = async (name: string, role: Parameters<typeof createTestUser>[1]['role'], regionCode: string, departmentCode?: string) => {
    const user = await createTestUser(t.ctx, { role, regionCode, departmentCode, username: `http.${name}` });
    accounts[name] = { username: user.username, password: user.password };
  };
  await make('admin', 'admin', '330109');
  await make('guali', 'town_admin', '330109112');
  await make('viewer', 'viewer', '330109');
  await make('supervisor', 'supervisor', '330109');
  await make('locked', 'operator', '330109112');
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('public endpoints', () => {
  it('answers the health check without a login', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok' });
    expect(response.headers['x-request-id']).toBeTruthy();
  });

  it('publishes the OpenAPI document', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/regions/{code}', '/api/users', '/api/auth/login']));
  });

  it('serves the API docs page', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/html/);
  });
});

describe('authentication', () => {
  it('refuses requests without a session', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/regions/roots' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('sets an HTTP-only, SameSite session cookie on login', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: accounts.admin!.username, password: accounts.admin!.password } });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'shuzhi_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(response.json().user).toMatchObject({ username: accounts.admin!.username, role: 'admin' });
  });

  it('says only "wrong username or password" for a bad password or an unknown user', async () => {
    for (const payload of [{ username: accounts.viewer!.username, password: 'nope-nope-1' }, { username: 'nobody', password: 'nope-nope-1' }]) {
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    }
  });

  it('locks an account after repeated failures, even against the right password', async () => {
    const { username, password } = accounts.locked!;
    for (let i = 0; i < t.config.loginMaxFailures; i += 1) {
      await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'wrong-wrong-1' } });
    }
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    expect(response.statusCode).toBe(429);
    expect(response.json()).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });

  it('ends the session on logout', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: accounts.viewer!.username, password: accounts.viewer!.password } });
    const cookie = `shuzhi_session=${login.cookies.find((c) => c.name === 'shuzhi_session')!.value}`;
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('accepts an API token until it is revoked; stores only its hash', async () => {
    const cookie = await loginAs('admin');
    const created = await app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie }, payload: { name: '12345 热线对接' } });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json() as { token: string; id: string };
    expect(token).toMatch(/^szt_/);
    const stored = await t.ctx.db.selectFrom('api_tokens').select('token_hash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json().user.username).toBe(accounts.admin!.username);
    expect((await app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: { cookie } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
  });

  it('marks a token used to the minute, and refuses it once expired or its user disabled', async () => {
    const cookie = await loginAs('admin');
    const owner = await createTestUser(t.ctx, { role: 'operator', regionCode: '330109', username: 'http.token.owner' });
    const created = await app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie }, payload: { name: '数字城管对接', username: owner.username } });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json() as { token: string; id: string };
    const bearer = { authorization: `Bearer ${token}` };
    const lastUsed = async () => (await t.ctx.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', id).executeTakeFirstOrThrow()).last_used_at;
    expect(await lastUsed()).toBeNull();
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer })).json().user.username).toBe(owner.username);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    // A second use within the minute, looked up again (not remembered), writes nothing; one
    // after it moves the mark.
    forgetAuthentications();
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer })).statusCode).toBe(200);
    expect(new Date((await lastUsed()) as Date).getTime()).toBe(new Date(first as Date).getTime());
    await t.ctx.db.updateTable('api_tokens').set({ last_used_at: new Date(Date.now() - 61_000) }).where('id', '=', id).execute();
    forgetAuthentications(); // the next use asks the database again, as it would after AUTH_CACHE_MS
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer })).statusCode).toBe(200);
    expect(Date.now() - new Date((await lastUsed()) as Date).getTime()).toBeLessThan(10_000);
    // Disabled through the API: refused from the next request on.
    const user = (await app.inject({ method: 'GET', url: '/api/users', headers: { cookie } })).json().users.find((u: { username: string }) => u.username === owner.username);
    const disabled = await app.inject({ method: 'PATCH', url: `/api/users/${user.id}`, headers: { cookie }, payload: { version: user.version, disabled: true } });
    expect(disabled.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer })).statusCode).toBe(401);
    await app.inject({ method: 'PATCH', url: `/api/users/${user.id}`, headers: { cookie }, payload: { version: disabled.json().user.version, disabled: false } });
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer })).statusCode).toBe(200);
    // Changed behind this process's back (another process, the CLI): believed for at most
    // AUTH_CACHE_MS, then refused.
    await t.ctx.db.updateTable('api_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', id).execute();
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer })).statusCode).toBe(200);
    forgetAuthentications(); // as AUTH_CACHE_MS passing does
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer })).statusCode).toBe(401);
  });

  it('takes a role change from the next request of a live session, and ends sessions on disable', async () => {
    const cookie = await loginAs('admin');
    const person = await createTestUser(t.ctx, { role: 'operator', regionCode: '330109', username: 'http.role.change' });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: person.username, password: person.password } });
    const session = `shuzhi_session=${login.cookies.find((c) => c.name === 'shuzhi_session')!.value}`;
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session } })).json().user.role).toBe('operator');
    const user = (await app.inject({ method: 'GET', url: '/api/users', headers: { cookie } })).json().users.find((u: { username: string }) => u.username === person.username);
    const changed = await app.inject({ method: 'PATCH', url: `/api/users/${user.id}`, headers: { cookie }, payload: { version: user.version, role: 'viewer' } });
    expect(changed.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session } })).json().user.role).toBe('viewer');
    await app.inject({ method: 'PATCH', url: `/api/users/${user.id}`, headers: { cookie }, payload: { version: changed.json().user.version, disabled: true } });
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session } })).statusCode).toBe(401);
  });
});

describe('review fixes: sessions, routing, throttling', () => {
  it('ends existing sessions when the password is reset', async () => {
    const victim = await createTestUser(t.ctx, { role: 'viewer', regionCode: '330109', username: 'http.victim' });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: victim.username, password: victim.password } });
    const stolen = `shuzhi_session=${login.cookies.find((c) => c.name === 'shuzhi_session')!.value}`;
    const reset = await app.inject({
      method: 'PATCH',
      url: `/api/users/${victim.id}`,
      headers: { cookie: await loginAs('admin') },
      payload: { version: victim.version, password: 'Brand-new-pass-9' },
    });
    expect(reset.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: stolen } })).statusCode).toBe(401);
  });

  it('does not let an encoded path skip authentication', async () => {
    const response = await app.inject({ method: 'GET', url: '/%61pi/users' });
    expect([401, 404]).toContain(response.statusCode);
    expect(response.json().code).not.toBe(undefined);
    expect(response.json()).not.toHaveProperty('users');
  });

  it('answers a NUL character with 400, not 500', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a\u0000b', password: 'x' } });
    expect(response.statusCode).toBeLessThan(500);
  });

  it('rejects an id that is not a UUID', async () => {
    const response = await get('admin', `/api/users/${'-'.repeat(36)}`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'params.id' });
  });

  it('locks an account against a parallel burst of guesses', async () => {
    const target = await createTestUser(t.ctx, { role: 'viewer', regionCode: '330109', username: 'http.burst' });
    const guesses = Array.from({ length: 12 }, (_, i) =>
      app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: target.username, password: i === 11 ? target.password : `wrong-${i}-x` } }),
    );
    const statuses = (await Promise.all(guesses)).map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(t.config.loginMaxFailures);
    const after = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: target.username, password: target.password } });
    expect(after.statusCode).toBe(429);
  });

  it('limits login attempts per client address', async () => {
    const strict = await buildApp({ ...t.ctx, config: { ...t.config, loginRatePerMinute: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      statuses.push((await strict.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x.y.z', password: 'a' } })).statusCode);
    }
    expect(statuses.slice(3)).toEqual([429, 429]);
    await strict.close();
  });

  it('lets browsers keep the built UI\'s content-named assets, but not the page that names them', async () => {
    const webDir = mkdtempSync(join(tmpdir(), 'shuzhi-web-'));
    try {
      mkdirSync(join(webDir, 'assets'));
      writeFileSync(join(webDir, 'index.html'), '<!doctype html><script src="/assets/index-abc123.js"></script>');
      writeFileSync(join(webDir, 'assets', 'index-abc123.js'), 'console.log(1)');
      const ui = await buildApp(t.ctx, { webDir });
      const asset = await ui.inject({ method: 'GET', url: '/assets/index-abc123.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      for (const url of ['/', '/index.html', '/dashboard']) {
        const page = await ui.inject({ method: 'GET', url });
        expect(page.statusCode).toBe(200);
        expect(String(page.headers['cache-control'] ?? '')).not.toContain('immutable');
      }
      await ui.close();
    } finally {
      rmSync(webDir, { recursive: true, force: true });
    }
  });

  it('counts a rate limit once across several server processes', async () => {
    // Two apps over one database stand for two processes behind one port; a client that
    // alternates between them still gets 3 attempts a minute in all.
    const config = { ...t.config, loginRatePerMinute: 3, workers: 2 };
    const apps = [await buildApp({ ...t.ctx, config }), await buildApp({ ...t.ctx, config })];
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const response = await apps[i % 2]!.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x.y.w', password: 'a' } });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 3)).not.toContain(429);
    expect(statuses.slice(3)).toEqual([429, 429, 429]);
    await Promise.all(apps.map((a) => a.close()));
  });

  it('throttles an unknown username across processes as it would a real account', async () => {
    const apps = [await buildApp(t.ctx), await buildApp(t.ctx)];
    const statuses: number[] = [];
    for (let i = 0; i <= t.config.loginMaxFailures; i += 1) {
      statuses.push((await apps[i % 2]!.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody.across', password: 'wrong-wrong-1' } })).statusCode);
    }
    expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    await Promise.all(apps.map((a) => a.close()));
  });

  it('throttles unknown usernames like real ones', async () => {
    let last = 0;
    for (let i = 0; i <= t.config.loginMaxFailures; i += 1) {
      last = (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'no.such.user', password: 'wrong-wrong-1' } })).statusCode;
    }
    expect(last).toBe(429);
  });

  it('keeps the audit log from a supervisor scoped to one town', async () => {
    const townSupervisor = await createTestUser(t.ctx, { role: 'supervisor', regionCode: '330109112', username: 'http.town.supervisor' });
    accounts.townSupervisor = { username: townSupervisor.username, password: townSupervisor.password };
    expect((await get('townSupervisor', '/api/audit')).statusCode).toBe(403);
    expect((await get('supervisor', '/api/audit')).statusCode).toBe(200);
  });
});

describe('scope and roles', () => {
  it('gives a town administrator of one town "not found" for another town\'s grid', async () => {
    const grid = '330109110001001';
    expect((await get('admin', `/api/regions/${grid}`)).statusCode).toBe(200);
    const response = await get('guali', `/api/regions/${grid}`);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('starts a town administrator\'s tree at their town', async () => {
    const response = await get('guali', '/api/regions/roots');
    expect(response.json().regions.map((r: { code: string }) => r.code)).toEqual(['330109112']);
  });

  it('does not let a viewer write', async () => {
    const cookie = await loginAs('viewer');
    const rename = await app.inject({ method: 'PATCH', url: '/api/regions/330109112', headers: { cookie }, payload: { name: '改名', version: 1 } });
    expect(rename.statusCode).toBe(403);
    expect(rename.json()).toMatchObject({ code: 'FORBIDDEN' });
    const createUser = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie },
      payload: { username: 'sneaky', displayName: 'x', role: 'admin', regionCode: '330109', password: 'Password-123' },
    });
    expect(createUser.statusCode).toBe(403);
  });

  it('does not let a town administrator create an admin', async () => {
    const cookie = await loginAs('guali');
    const response = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie },
      payload: { username: 'guali.boss', displayName: '某某', role: 'admin', regionCode: '330109112', password: 'Password-123' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'FORBIDDEN', field: 'role' });
  });

  it('masks phone numbers for a supervisor but not for an admin', async () => {
    const supervisorView = (await get('supervisor', '/api/users')).json().users as { username: string; phone: string }[];
    const adminView = (await get('admin', '/api/users')).json().users as { username: string; phone: string }[];
    const other = (list: { username: string; phone: string }[]) => list.find((u) => u.username === accounts.viewer!.username)!;
    expect(other(adminView).phone).toBe('13812345678');
    expect(other(supervisorView).phone).toBe('138****5678');
  });

  it('lets a town administrator create an operator in the town, recorded in the audit log', async () => {
    const cookie = await loginAs('guali');
    const response = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie },
      payload: { username: 'guali.op2', displayName: '王受理', role: 'operator', regionCode: '330109112', password: 'Password-123', phone: '13900001111' },
    });
    expect(response.statusCode).toBe(201);
    const audit = (await get('admin', `/api/audit?entityType=user&entityId=${response.json().user.id}`)).json().entries;
    expect(audit[0]).toMatchObject({ action: 'user.created', actor: `user:${accounts.guali!.username}` });
    expect(JSON.stringify(audit[0])).not.toContain('Password-123');
  });
});

describe('bad input', () => {
  it('rejects malformed JSON with MALFORMED_JSON', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": "a",' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'MALFORMED_JSON' });
  });

  it('names the field of a wrong type', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 12, password: 'x' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.username' });
  });

  it('names an unknown field', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a', password: 'b', admin: true } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.admin' });
  });

  it('rejects a bad region code in a URL', async () => {
    const response = await get('admin', '/api/regions/abc');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'params.code' });
  });

  it('rejects invalid GeoJSON with the field at fault, storing nothing', async () => {
    const cookie = await loginAs('admin');
    const before = (await get('admin', '/api/regions/330109112')).json().descendants;
    const response = await app.inject({
      method: 'POST',
      url: '/api/regions/import',
      headers: { cookie },
      payload: {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { code: '33010911200600199', name: '坏' }, geometry: { type: 'Polygon', coordinates: [[[120.3, 30.3], [120.31, 30.3], [120.31, 30.31]]] } }],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'INVALID_GEOMETRY', field: 'features.0.geometry' });
    expect((await get('admin', '/api/regions/330109112')).json().descendants).toEqual(before);
  });

  it('rejects an oversize body with 413', async () => {
    const small = await buildApp({ ...t.ctx, config: { ...t.config, bodyLimitBytes: 1024 } });
    const response = await small.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a'.repeat(5000), password: 'x' } });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    await small.close();
  });

  it('answers unknown API paths with the error envelope', async () => {
    const response = await get('admin', '/api/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('regions over HTTP', () => {
  it('locates a point and returns its chain', async () => {
    const collection = (await get('admin', '/api/regions/geojson?within=330109112006001&level=microgrid')).json();
    const ring = collection.features[0].geometry.coordinates[0] as number[][];
    const lon = (ring[0]![0]! + ring[2]![0]!) / 2;
    const lat = (ring[0]![1]! + ring[2]![1]!) / 2;
    const result = (await get('guali', `/api/regions/locate?lon=${lon}&lat=${lat}`)).json();
    expect(result).toMatchObject({ found: true, microgrid: { code: collection.features[0].properties.code } });
    expect(result.chain.map((c: { level: string }) => c.level)).toEqual(['district', 'town', 'area', 'community', 'grid', 'microgrid']);
  });

  it('rejects coordinates out of range', async () => {
    const response = await get('admin', '/api/regions/locate?lon=200&lat=30');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'querystring.lon' });
  });
});
