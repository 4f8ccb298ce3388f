import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults: embedded database under ./data on port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: undefined, cookieSecure: false });
    expect(config.dataDir).toMatch(/data$/);
  });

  it('uses a PostgreSQL server when DATABASE_URL is set and secure cookies in production', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/shuzhi', NODE_ENV: 'production' });
    expect(config.databaseUrl).toBe('postgres://u@db:5432/shuzhi');
    expect(config.cookieSecure).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ SHUZHI_COOKIE_SECURE: 'maybe' }, 'SHUZHI_COOKIE_SECURE'],
    [{ SHUZHI_WORKERS: '0' }, 'SHUZHI_WORKERS'],
    [{ SHUZHI_WORKERS: '1.5' }, 'SHUZHI_WORKERS'],
    // The embedded database belongs to one process.
    [{ SHUZHI_WORKERS: '2' }, 'SHUZHI_WORKERS'],
  ])('refuses %o, naming %s', (env, field) => {
    expect(() => loadConfig(env)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', field }));
  });

  it('runs one server process unless told otherwise; several only on a PostgreSQL server', () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ SHUZHI_WORKERS: '4', DATABASE_URL: 'postgres://u@db:5432/shuzhi' }).workers).toBe(4);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });
});
