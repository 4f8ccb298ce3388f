/**
 * Kills the server with SIGKILL in the middle of a stream of writes and checks, after a
 * restart, that every write the server acknowledged is there: on PGlite (the data
 * directory) and on PostgreSQL (a database of its own) when TEST_DATABASE_URL is set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '@/db/database.js';
import { importRegions } from '@/domains/regions/regions-service.js';
import { createUser } from '@/domains/users/users-service.js';
import { systemActor } from '@/shared/actor.js';
import { startServerProcess } from '../helpers/server-process.js';

const serverUrl = process.env.TEST_DATABASE_URL;
const dataDir = mkdtempSync(join(tmpdir(), 'shuzhi-kill-'));
const databaseName = `shuzhi_kill_${process.pid}`;
let env: Record<string, string>;
const password = 'Durable-pass-123';

beforeAll(async () => {
  let url: string | undefined;
  if (serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${databaseName}`);
    await admin.query(`create database ${databaseName}`);
    await admin.end();
    const parsed = new URL(serverUrl);
    parsed.pathname = `/${databaseName}`;
    url = parsed.toString();
  }
  env = url ? { DATABASE_URL: url, SHUZHI_DATA_DIR: dataDir } : { SHUZHI_DATA_DIR: dataDir };
  const database = await openDatabase({ url, dataDir });
  await migrateToLatest(database.db, database.schema);
  const square = { type: 'Polygon', coordinates: [[[120, 30], [120.1, 30], [120.1, 30.1], [120, 30.1], [120, 30]]] };
  await importRegions({
    db: database.db,
    actor: systemActor('test'),
    collection: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: '330109', name: '区' }, geometry: square }] },
  });
  await createUser({
    db: database.db,
    actor: systemActor('test'),
    input: { username: 'kill.admin', displayName: '管理员', role: 'admin', regionCode: '330109', password },
  });
  await database.close();
});

afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  if (serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${databaseName} with (force)`);
    await admin.end();
  }
});

async function loginCookie(url: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'kill.admin', password }),
  });
  expect(response.status).toBe(200);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
}

describe(`SIGKILL during writes (${serverUrl ? 'PostgreSQL' : 'PGlite'})`, { timeout: 240_000 }, () => {
  it('keeps every acknowledged write', async () => {
    const first = await startServerProcess(env, ['--no-demo']);
    const cookie = await loginCookie(first.url);
    const acknowledged: string[] = [];
    let killed = false;
    // Four writers in parallel so that writes are in flight when the kill lands.
    const writer = async (w: number) => {
      for (let i = 0; !killed && i < 500; i += 1) {
        const username = `durable.${w}.${i}`;
        try {
          const response = await fetch(`${first.url}/api/users`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie },
            body: JSON.stringify({ username, displayName: '持久', role: 'viewer', regionCode: '330109', password }),
          });
          if (response.status === 201) acknowledged.push(username);
        } catch {
          return; // the connection died with the server
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 20));
    await first.kill('SIGKILL');
    killed = true;
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);

    const second = await startServerProcess(env, ['--no-demo']);
    try {
      const cookie2 = await loginCookie(second.url);
      const users = (await (await fetch(`${second.url}/api/users`, { headers: { cookie: cookie2 } })).json()) as { users: { username: string }[] };
      const stored = new Set(users.users.map((u) => u.username));
      const lost = acknowledged.filter((name) => !stored.has(name));
      expect(lost).toEqual([]);
      const verify = (await (await fetch(`${second.url}/api/audit/verify`, { headers: { cookie: cookie2 } })).json()) as { ok: boolean };
      expect(verify.ok).toBe(true);
    } finally {
      await second.kill();
    }
  });
});
