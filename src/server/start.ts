/**
 * Starts the platform: database, migrations, the demo district on first start, and the
 * HTTP server with the web UI. Shuts down cleanly on SIGINT/SIGTERM.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from '@/config/config.js';
import { sweepOverdueCases } from '@/domains/cases/cases-service.js';
import { sweepSupervision } from '@/domains/supervision/supervision-service.js';
import { pruneCounters } from '@/domains/throttle/throttle-service.js';
import { seedDemoCases } from '@/domains/demo/demo-cases.js';
import { seedDemoGovernance } from '@/domains/demo/demo-governance.js';
import { DEMO_DISTRICT_CODE } from '@/domains/demo/demo-generator.js';
import { seedDemo, type DemoLogin } from '@/domains/demo/demo-service.js';
import { countRegions } from '@/domains/regions/regions-service.js';
import { buildApp } from '@/http/app.js';
import { systemActor } from '@/shared/actor.js';
import { isServerWorker, shareForgetting, superviseWorkers, type Supervisor } from './cluster.js';
import { openContext } from './open.js';

/** The most cases one minute's sweep marks overdue (50 to a transaction); a larger backlog drains over the next minutes. */
const SWEEP_LIMIT = 10_000;

/** How many demo cases a fresh demo database gets. */
const DEMO_CASES = 300;

/** Options of {@link startServer}. */
export interface StartOptions {
  config: Config;
  /** Seed the demo district when the database has no regions yet. */
  demo: boolean;
  log?: (line: string) => void;
}

/** Starts the server; resolves with a function that stops it. */
export async function startServer(options: StartOptions): Promise<{ url: string; stop: () => Promise<void> }> {
  const { config } = options;
  if (config.workers > 1 && isServerWorker()) return startWorker(config);
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const ctx = await openContext(config);
  log(`数据库:${ctx.database.engine === 'pglite' ? `嵌入式 PGlite(${ctx.database.location})` : `PostgreSQL(${ctx.database.location})`}`);
  let logins: DemoLogin[] = [];
  if (options.demo && (await countRegions({ db: ctx.db })) === 0) {
    log('首次启动:正在载入演示区县(萧山区演示数据)…');
    const result = await seedDemo({ db: ctx.db, actor: systemActor('system:demo-seed'), onProgress: (m) => log(`  ${m}`) });
    logins = result.logins;
    if (ctx.database.engine === 'pglite') saveLogins(config.dataDir, logins);
  }
  if (options.demo && (await countRegions({ db: ctx.db })) > 0) {
    const made = await seedDemoCases({ db: ctx.db, cache: ctx.cases, districtCode: DEMO_DISTRICT_CODE, count: DEMO_CASES });
    if (made > 0) log(`  演示案件:${made} 件(走完受理、派遣、处置、核查、结案、回访等环节)`);
    const governance = await seedDemoGovernance({ db: ctx.db, districtCode: DEMO_DISTRICT_CODE });
    if (governance > 0) log(`  演示重点项目、民生实事与督办事项:${governance} 条`);
  }
  // One process serves requests itself; with SHUZHI_WORKERS > 1 it forks the servers and
  // keeps only the jobs that must run once (the sweeps below).
  let app: FastifyInstance | null = null;
  let supervisor: Supervisor | null = null;
  let port: number;
  if (config.workers > 1) {
    supervisor = superviseWorkers({ workers: config.workers, log, onGiveUp: () => void stop().finally(() => process.exit(1)) });
    try {
      port = await supervisor.listening;
    } catch (error) {
      await supervisor.stop();
      await ctx.database.close();
      throw error;
    }
  } else {
    app = await buildApp(ctx, { logger: config.env !== 'test' });
    await app.listen({ port: config.port, host: config.host });
    port = (app.server.address() as AddressInfo).port;
  }
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${shownHost}:${port}`;
  log(`数智 Shuzhi 已启动:${url}  (API 文档 ${url}/api/docs)${supervisor ? `,${config.workers} 个服务进程` : ''}`);
  if (logins.length > 0) {
    log('演示账号(密码随机生成,仅显示这一次,并保存在数据目录的 demo-logins.txt):');
    for (const l of logins) log(`  ${l.username.padEnd(22)} ${l.password ?? ''}  ${l.role}  ${l.displayName}`);
  } else if (options.demo) {
    log(`演示账号已存在;密码见 ${join(config.dataDir, 'demo-logins.txt')},或运行 npx shuzhi demo seed --reset-passwords 重新生成。`);
  }
  // The sweeps: cases past their whole-case deadline are marked overdue (counted in the
  // metrics) and raise a supervision notice; supervision items are recoloured, marked overdue
  // and their 督办单 escalate blue → yellow → red. Once a minute, never two at a time.
  const logError = (message: string, error: unknown) => {
    if (app) app.log.error({ err: error }, message);
    else log(`${message}: ${error instanceof Error ? error.message : String(error)}`);
  };
  let sweeping: Promise<unknown> | null = null;
  const sweep = () => {
    if (sweeping) return;
    sweeping = sweepOverdueCases({ db: ctx.db, limit: SWEEP_LIMIT })
      .catch((error: unknown) => logError('overdue sweep failed', error))
      .then(() => sweepSupervision({ db: ctx.db }))
      .catch((error: unknown) => logError('supervision sweep failed', error))
      .then(() => pruneCounters({ db: ctx.db }))
      .catch((error: unknown) => logError('pruning rate counters failed', error))
      .finally(() => {
        sweeping = null;
      });
  };
  const sweeper = setInterval(sweep, 60_000);
  sweeper.unref();
  sweep();
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(sweeper);
    // The workers are told first (a worker that exits now is not restarted), then the sweep
    // in progress is waited for.
    const workersStopped = supervisor?.stop();
    await sweeping;
    await workersStopped;
    await app?.close();
    await ctx.database.close();
  };
  return { url, stop };
}

/**
 * A worker of a server with several processes: it only serves requests. The primary has
 * applied the migrations and seeded the demo before it forked.
 */
async function startWorker(config: Config): Promise<{ url: string; stop: () => Promise<void> }> {
  const ctx = await openContext(config, { migrate: false });
  const unshare = shareForgetting();
  try {
    const app = await buildApp(ctx, { logger: config.env !== 'test' });
    await app.listen({ port: config.port, host: config.host });
    let stopping: Promise<void> | null = null;
    const stop = () => {
      stopping ??= (async () => {
        unshare();
        await app.close();
        await ctx.database.close();
      })();
      return stopping;
    };
    return { url: `http://${config.host}:${(app.server.address() as AddressInfo).port}`, stop };
  } catch (error) {
    unshare();
    await ctx.database.close();
    throw error;
  }
}

function saveLogins(dataDir: string, logins: DemoLogin[]): void {
  const file = join(dataDir, 'demo-logins.txt');
  const lines = logins.map((l) => `${l.username}\t${l.password ?? ''}\t${l.role}\t${l.displayName}`);
  writeFileSync(file, `# 数智演示账号 (username, password, role, name)\n${lines.join('\n')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}
