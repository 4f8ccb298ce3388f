/**
 * The one configuration module. Reads the environment once, validates it with zod,
 * and refuses to start with a message that names the variable at fault.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { AppError } from '@/shared/errors.js';

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // 0 takes any free port (the server prints the one it got).
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  SHUZHI_DATA_DIR: z.string().min(1).default('./data'),
  SHUZHI_SESSION_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  SHUZHI_COOKIE_SECURE: booleanString.optional(),
  SHUZHI_BODY_LIMIT_MB: z.coerce.number().positive().max(512).default(64),
  SHUZHI_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  SHUZHI_LOGIN_LOCK_MINUTES: z.coerce.number().positive().max(24 * 60).default(15),
  SHUZHI_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Each process opens up to 10 database connections: 10 × (workers + 1) in all.
  SHUZHI_WORKERS: z.coerce.number().int().min(1).max(16).default(1),
});

/** The validated configuration of one process. */
export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** A PostgreSQL server URL; absent means embedded PGlite. */
  databaseUrl?: string;
  /** Where PGlite keeps its files. */
  dataDir: string;
  sessionHours: number;
  cookieSecure: boolean;
  bodyLimitBytes: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** Login attempts allowed per client address and minute. */
  loginRatePerMinute: number;
  logLevel: string;
  /**
   * HTTP server processes (node:cluster) for hosts with more cores than one process uses.
   * PostgreSQL only: the embedded database belongs to one process.
   */
  workers: number;
}

/**
 * Validates `env` (by default the process environment) into a {@link Config}.
 * Throws a CONFIG_INVALID {@link AppError} naming every variable at fault.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new AppError('CONFIG_INVALID', `Invalid configuration: ${problems.join('; ')}`, {
      field: String(parsed.error.issues[0]?.path[0] ?? ''),
      userMessage: `配置错误:${problems.join(';')}`,
    });
  }
  const c = parsed.data;
  if (c.SHUZHI_WORKERS > 1 && !c.DATABASE_URL) {
    throw new AppError('CONFIG_INVALID', 'Invalid configuration: SHUZHI_WORKERS: more than one process needs DATABASE_URL', {
      field: 'SHUZHI_WORKERS',
      userMessage: '配置错误:SHUZHI_WORKERS 大于 1 时须设置 DATABASE_URL(嵌入式数据库只能由一个进程使用)',
    });
  }
  return {
    env: c.NODE_ENV,
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    // `memory://` keeps the embedded database in memory (tests, throwaway demos).
    dataDir: c.SHUZHI_DATA_DIR.startsWith('memory://') ? c.SHUZHI_DATA_DIR : resolve(c.SHUZHI_DATA_DIR),
    sessionHours: c.SHUZHI_SESSION_HOURS,
    cookieSecure: c.SHUZHI_COOKIE_SECURE ?? c.NODE_ENV === 'production',
    bodyLimitBytes: Math.round(c.SHUZHI_BODY_LIMIT_MB * 1024 * 1024),
    loginMaxFailures: c.SHUZHI_LOGIN_MAX_FAILURES,
    loginLockMinutes: c.SHUZHI_LOGIN_LOCK_MINUTES,
    loginRatePerMinute: c.SHUZHI_LOGIN_RATE_PER_MINUTE,
    logLevel: c.LOG_LEVEL,
    workers: c.SHUZHI_WORKERS,
  };
}
