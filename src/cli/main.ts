/**
 * The `shuzhi` command line: a thin adapter over the same services as the HTTP API.
 * It acts as the system (whoever can run it on the server already holds the database)
 * and every change it makes is in the audit log as `cli:<user>`.
 */
import '@/shared/zod-locale.js';
import { readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { Presets, SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import { z } from 'zod';
import { loadConfig } from '@/config/config.js';
import { appliedMigrations, migrateToLatest, openDatabase } from '@/db/database.js';
import { verifyAuditChain } from '@/domains/audit/audit-service.js';
import { createApiToken } from '@/domains/auth/auth-service.js';
import { seedDemoCases } from '@/domains/demo/demo-cases.js';
import { seedDemoGovernance } from '@/domains/demo/demo-governance.js';
import { seedDemo } from '@/domains/demo/demo-service.js';
import { REGION_LEVELS, type RegionLevel } from '@/domains/regions/region-codes.js';
import { exportRegions, importRegions, LocatorCache, locatePoint } from '@/domains/regions/regions-service.js';
import { backupDatabase, restoreDatabase } from '@/domains/system/backup-service.js';
import { createUserSchema } from '@/domains/users/users-schemas.js';
import { createUser } from '@/domains/users/users-service.js';
import { startServer } from '@/server/start.js';
import { ROLES, systemActor } from '@/shared/actor.js';
import { AppError } from '@/shared/errors.js';
import { readStdin, reportError, withContext } from './cli-support.js';
import { addCaseCommands } from './cases-commands.js';
import { addCalendarCommands } from './calendar-commands.js';
import { addIndicatorCommands } from './indicators-commands.js';
import { addLivelihoodCommands } from './livelihood-commands.js';
import { addProjectCommands } from './projects-commands.js';
import { addReportCommands } from './reports-commands.js';
import { addSupervisionCommands } from './supervision-commands.js';

function number(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new InvalidArgumentError('须为数字');
  return n;
}

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Builds the command tree. */
export function buildProgram(): Command {
  const program = new Command('shuzhi')
    .description('数智 Shuzhi:区县与镇街数字治理平台 (digital governance platform)')
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(text) });

  program
    .command('serve')
    .description('启动服务(首次启动载入演示数据) Start the server')
    .option('--no-demo', '不载入演示数据,空库启动 (start empty)')
    .action(async (opts: { demo: boolean }) => {
      const config = loadConfig();
      const server = await startServer({ config, demo: opts.demo });
      const shutdown = async (signal: string) => {
        out(`收到 ${signal},正在停止…`);
        await server.stop();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
    });

  program
    .command('migrate')
    .description('执行数据库迁移 Apply pending migrations')
    .action(async () => {
      const config = loadConfig();
      const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
      try {
        const result = await migrateToLatest(database.db, database.schema);
        const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
        out(applied.length ? `已执行迁移:${applied.join(', ')}` : '数据库已是最新版本');
        out(`当前版本:${(await appliedMigrations(database.db)).at(-1) ?? '(无)'}`);
      } finally {
        await database.close();
      }
    });

  const demo = program.command('demo').description('演示数据 Demo data');
  demo
    .command('seed')
    .description('生成演示区县(可重复执行) Seed the demo district (idempotent)')
    .option('--microgrids <n>', '目标微网格数量,用于扩容测试 (scale up)', number)
    .option('--seed <n>', '随机种子 (seed)', number)
    .option('--reset-passwords', '为已有演示账号重新生成密码')
    .option('--cases <n>', '演示案件数量(仅在尚无案件时生成)', number, 300)
    .action(async (opts: { microgrids?: number; seed?: number; resetPasswords?: boolean; cases: number }) => {
      await withContext(async (ctx) => {
        const result = await seedDemo({
          db: ctx.db,
          actor: systemActor(),
          demo: { microgrids: opts.microgrids, seed: opts.seed },
          resetPasswords: opts.resetPasswords,
          onProgress: out,
        });
        out(`部门变更 ${result.departmentsChanged},新建账号 ${result.usersCreated}`);
        const cases = await seedDemoCases({ db: ctx.db, cache: ctx.cases, districtCode: result.districtCode, count: opts.cases });
        out(`演示案件 ${cases} 件`);
        const governance = await seedDemoGovernance({ db: ctx.db, districtCode: result.districtCode });
        out(`演示项目、民生实事与督办 ${governance} 条`);
        for (const login of result.logins.filter((l) => l.password)) {
          out(`  ${login.username.padEnd(22)} ${login.password}  ${login.role}`);
        }
      });
    });

  const regions = program.command('regions').description('区域与网格 Regions and grids');
  regions
    .command('import <file>')
    .description('导入 GeoJSON FeatureCollection(全部成功或全部不写入) Import regions, all or nothing')
    .action(async (file: string) => {
      const text = await readFile(file, 'utf8');
      let collection: unknown;
      try {
        collection = JSON.parse(text);
      } catch (error) {
        throw new AppError('MALFORMED_JSON', `${file}: ${(error as Error).message}`, {
          userMessage: `${file} 不是合法的 JSON:${(error as Error).message}`,
        });
      }
      await withContext(async (ctx) => {
        const bar = new SingleBar({ format: '{phase} |{bar}| {value}/{total}', hideCursor: true }, Presets.shades_classic);
        let started = false;
        const summary = await importRegions({
          db: ctx.db,
          actor: systemActor(),
          collection,
          onPhase: (phase, done, total) => {
            if (!process.stdout.isTTY) return;
            if (!started) bar.start(total, done, { phase });
            started = true;
            bar.setTotal(total);
            bar.update(done, { phase: phase === 'validating' ? '校验' : '写入' });
          },
        }).finally(() => started && bar.stop());
        out(`导入完成:共 ${summary.total},新增 ${summary.created},更新 ${summary.updated},未变 ${summary.unchanged}`);
      });
    });
  regions
    .command('export')
    .description('导出 GeoJSON Export regions as GeoJSON')
    .addOption(new Option('--level <level>', '只导出此层级').choices(REGION_LEVELS))
    .option('--within <code>', '只导出该区域及其下级')
    .option('--out <file>', '写入文件(默认标准输出)')
    .action(async (opts: { level?: RegionLevel; within?: string; out?: string }) => {
      await withContext(async (ctx) => {
        const collection = await exportRegions({ db: ctx.db, actor: systemActor(), level: opts.level, within: opts.within });
        const text = JSON.stringify(collection);
        if (opts.out) {
          await writeFile(opts.out, text);
          process.stderr.write(`已导出 ${collection.features.length} 个区域到 ${opts.out}\n`);
        } else {
          process.stdout.write(`${text}\n`);
        }
      });
    });
  regions
    .command('locate <lon> <lat>')
    .description('坐标所在微网格 Which micro-grid holds a point')
    .action(async (lonText: string, latText: string) => {
      const point = z
        .object({ lon: z.coerce.number().min(-180).max(180), lat: z.coerce.number().min(-90).max(90) })
        .safeParse({ lon: lonText, lat: latText });
      if (!point.success) {
        throw new AppError('VALIDATION_FAILED', 'bad coordinates', {
          field: String(point.error.issues[0]?.path[0]),
          userMessage: `坐标不合法:经度 -180–180,纬度 -90–90`,
        });
      }
      await withContext(async (ctx) => {
        const result = await locatePoint({ cache: new LocatorCache(ctx.db), actor: systemActor(), ...point.data });
        if (!result.found || !result.microgrid) {
          out(`(${point.data.lon}, ${point.data.lat}) 不在任何微网格内 (outside every micro-grid)`);
          process.exitCode = 4;
          return;
        }
        out(`${result.microgrid.code} ${result.microgrid.name}`);
        out(result.chain.map((c) => `${c.name}(${c.code})`).join(' > '));
      });
    });

  const users = program.command('users').description('账号 Accounts');
  users
    .command('create')
    .description('创建账号(密码从标准输入读取) Create an account')
    .requiredOption('--username <username>')
    .addOption(new Option('--role <role>').choices(ROLES).makeOptionMandatory())
    .requiredOption('--region <code>', '所属区域编码(权限范围)')
    .option('--department <code>', '所属部门编码')
    .option('--display-name <name>', '姓名')
    .option('--phone <phone>')
    .option('--password-stdin', '从标准输入读取密码')
    .action(async (opts: { username: string; role: string; region: string; department?: string; displayName?: string; phone?: string; passwordStdin?: boolean }) => {
      if (!opts.passwordStdin) {
        throw new AppError('VALIDATION_FAILED', 'password must come from stdin', {
          field: 'password',
          userMessage: '请用 --password-stdin 从标准输入提供密码(避免密码出现在命令历史中)',
        });
      }
      const password = (await readStdin()).replace(/\r?\n$/, '');
      const input = createUserSchema.safeParse({
        username: opts.username,
        displayName: opts.displayName ?? opts.username,
        role: opts.role,
        regionCode: opts.region,
        departmentCode: opts.department ?? null,
        phone: opts.phone ?? null,
        password,
      });
      if (!input.success) {
        const issue = input.error.issues[0];
        throw new AppError('VALIDATION_FAILED', issue?.message ?? 'invalid', { field: issue?.path.join('.'), userMessage: issue?.message });
      }
      await withContext(async (ctx) => {
        const user = await createUser({ db: ctx.db, actor: systemActor(), input: input.data });
        out(`已创建账号 ${user.username}(${user.roleLabel},${user.regionName})id=${user.id}`);
      });
    });

  const tokens = program.command('tokens').description('API 令牌 API tokens');
  tokens
    .command('create')
    .description('为账号创建 API 令牌(仅显示一次) Create an API token')
    .requiredOption('--username <username>')
    .requiredOption('--name <name>', '令牌用途')
    .option('--expires-days <n>', '有效天数', number)
    .action(async (opts: { username: string; name: string; expiresDays?: number }) => {
      await withContext(async (ctx) => {
        const result = await createApiToken({
          db: ctx.db,
          actor: systemActor(),
          username: opts.username.toLowerCase(),
          name: opts.name,
          expiresInDays: opts.expiresDays,
        });
        out(result.token);
        process.stderr.write(`令牌 ${result.view.id} 已创建;请妥善保存,它不会再次显示。\n`);
      });
    });

  addIndicatorCommands(program);
  addCalendarCommands(program);
  addCaseCommands(program);
  addProjectCommands(program);
  addLivelihoodCommands(program);
  addSupervisionCommands(program);
  addReportCommands(program);

  const audit = program.command('audit').description('审计日志 Audit log');
  audit
    .command('verify')
    .description('校验哈希链 Verify the hash chains')
    .action(async () => {
      await withContext(async (ctx) => {
        const result = await verifyAuditChain(ctx.db);
        if (result.ok) {
          out(`审计日志完好:${result.chains} 条链,${result.rowsChecked} 行`);
          return;
        }
        for (const p of result.problems) out(`  ${p.districtCode} #${p.seq} ${p.problem}: ${p.detail}`);
        throw new AppError('AUDIT_CHAIN_BROKEN', `${result.problems.length} problems`, {
          userMessage: `审计日志被篡改或缺失:发现 ${result.problems.length} 处问题`,
        });
      });
    });

  program
    .command('backup <file>')
    .description('备份数据库(两种引擎通用格式) Back up the database')
    .action(async (file: string) => {
      await withContext(async (ctx) => {
        const counts = await backupDatabase({ db: ctx.db, engine: ctx.database.engine, file });
        out(`已备份到 ${file}:${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(',')}`);
      });
    });
  program
    .command('restore <file>')
    .description('从备份恢复(替换全部数据) Restore, replacing all data')
    .action(async (file: string) => {
      await withContext(async (ctx) => {
        const counts = await restoreDatabase({ db: ctx.db, file });
        out(`已恢复:${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(',')}`);
      });
    });
  return program;
}

/** Runs the CLI with `argv`; sets the exit code from errors. */
export async function runCli(argv: string[]): Promise<void> {
  // `shuzhi … | head` closes the pipe early; that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    process.exitCode = reportError(error);
  }
}

// Run directly (`tsx src/cli/main.ts`); bin/shuzhi.mjs and the server entry call runCli themselves.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runCli(process.argv);
}
