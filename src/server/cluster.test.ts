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
