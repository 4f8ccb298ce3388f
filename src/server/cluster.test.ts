/**
 * `shuzhi serve` with SHUZHI_WORKERS=2 as a real process tree: two workers on one port, a
 * killed worker replaced, and a clean stop. PostgreSQL only (several processes cannot share
 * the embedded database); the server gets a database of its own, dropped afterwards.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@/domains/auth/passwords.js';

const serverUrl = process.env.TEST_DATABASE_URL;
const root = fileURLToPath(new URL('../..', import.meta.url));

/** Pids of the live server workers among the children of `pid` (tsx also starts an esbuild child). */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes('cli/main.ts'))
      .map((line) => Number(line.trim().split(/\s+/)[0]))
      .filter((n) => n > 0);
  } catch {
    return []; // ps exits 1 when there are none
  }
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(!serverUrl)('a server of several processes', () => {
  const database = `shuzhi_cluster_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  let server: ChildProcess;
  let output = '';
  let base = '';

  async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    await admin((c) => c.query(`create database ${database}`));
    const url = new URL(serverUrl as string);
    url.pathname = `/${database}`;
    server = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--no-demo'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url.toString(), SHUZHI_WORKERS: '2', PORT: '0', NODE_ENV: 'test', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    base = await waitFor('the server to start', () => output.match(/已启动:(http:\/\/\S+)/)?.[1]);
  }, 90_000);

  afterAll(async () => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    await admin((c) => c.query(`drop database if exists ${database} with (force)`));
  }, 30_000);

  it('runs two workers on one port that both answer', async () => {
    expect(output).toContain('2 个服务进程');
    expect(childrenOf(server.pid as number)).toHaveLength(2);
    const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`${base}/api/health`, { headers: { connection: 'close' } })));
    expect(answers.every((a) => a.status === 200)).toBe(true);
  });

  it('ends a session in every worker at once, not only in the one that logged it out', async () => {
    const url = new URL(serverUrl as string);
    url.pathname = `/${database}`;
    const password = 'Cluster-Pass-2026';
    const hash = await hashPassword(password);
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    try {
      await db.query(`insert into regions (district_code, code, level, name, path) values ('330109', '330109', 'district', '萧山区', '/330109/')`);
      await db.query(`insert into users (username, display_name, role, district_code, region_code, password_hash) values ('cluster.viewer', '集群测试', 'viewer', '330109', '330109', $1)`, [hash]);
    } finally {
      await db.end();
    }
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'cluster.viewer', password }) });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    // A new connection each time: the primary hands them to the workers in turn, so both
    // look the session up and remember it.
    const me = () => fetch(`${base}/api/auth/me`, { headers: { cookie, connection: 'close' } }).then((r) => r.status);
    expect(await Promise.all(Array.from({ length: 12 }, me))).toEqual(Array.from({ length: 12 }, () => 200));
    expect((await fetch(`${base}/api/auth/logout`, { method: 'POST', headers: { cookie, connection: 'close' } })).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await Promise.all(Array.from({ length: 12 }, me))).toEqual(Array.from({ length: 12 }, () => 401));
  }, 30_000);

  it('replaces a worker that dies, and keeps answering', async () => {
    const [victim] = childrenOf(server.pid as number);
    process.kill(victim as number, 'SIGKILL');
    await waitFor('a replacement worker', () => {
      const now = childrenOf(server.pid as number);
      return now.length === 2 && !now.includes(victim as number) ? now : undefined;
    });
    await waitFor('the replacement to listen', () => (output.includes('正在重启') ? true : undefined));
    for (let i = 0; i < 10; i += 1) {
      expect((await fetch(`${base}/api/health`, { headers: { connection: 'close' } })).status).toBe(200);
    }
  }, 60_000);

  it('stops cleanly on SIGTERM, workers and all', async () => {
    const workers = childrenOf(server.pid as number);
    server.kill('SIGTERM');
    const [code] = (await once(server, 'exit')) as [number | null];
    expect(code).toBe(0);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  }, 30_000);
});
