/**
 * Starts the real server for browser tests, exactly as a newcomer would: an empty data
 * directory, the demo district loaded on first start, generated passwords printed once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from './server-process.js';

/** One demo account as printed at first start. */
export interface DemoAccount {
  username: string;
  password: string;
  role: string;
  name: string;
}

/** A running server with its printed demo logins. */
export interface TestServer {
  url: string;
  /** The admin's login. */
  credentials: { username: string; password: string };
  /** Every printed login: username → password. */
  logins: Record<string, string>;
  /** Every printed account with its role and name, in the printed order. */
  accounts: DemoAccount[];
  close(): Promise<void>;
}

/** The header printed just before the logins (src/server/start.ts). */
const LOGINS_HEADER = '演示账号(密码随机生成';

/** The accounts printed after the header: lines `  username   password  role  name`. */
export function parseDemoLogins(output: string): DemoAccount[] {
  const start = output.indexOf(LOGINS_HEADER);
  if (start < 0) return [];
  return output
    .slice(start)
    .split('\n')
    .slice(1)
    .flatMap((line) => {
      const [, username, password, role, name] = /^\s+(\S+)\s+(\S+)\s+([a-z_]+)\s+(.+?)\s*$/.exec(line) ?? [];
      return username && password && role && name ? [{ username, password, role, name }] : [];
    });
}

/** Starts the server with the demo district and returns the printed logins. */
export async function startTestServer(): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shuzhi-browser-'));
  const server = await startServerProcess({ SHUZHI_DATA_DIR: dataDir });
  // The logins are printed just after the "started" line; give them a moment to arrive and
  // wait until the list stops growing (it may come in more than one chunk).
  const findAdmin = () => parseDemoLogins(server.output()).find((a) => a.username === 'admin' && a.role === 'admin');
  for (let i = 0; i < 100 && !findAdmin(); i += 1) await new Promise((r) => setTimeout(r, 100));
  let accounts = parseDemoLogins(server.output());
  for (let i = 0; i < 20; i += 1) {
    await new Promise((r) => setTimeout(r, 100));
    const again = parseDemoLogins(server.output());
    if (again.length === accounts.length && i >= 2) break;
    accounts = again;
  }
  const admin = accounts.find((a) => a.username === 'admin' && a.role === 'admin');
  if (!admin) {
    await server.kill();
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`no admin login printed:\n${server.output()}`);
  }
  return {
    url: server.url,
    credentials: { username: admin.username, password: admin.password },
    logins: Object.fromEntries(accounts.map((a) => [a.username, a.password])),
    accounts,
    async close() {
      await server.kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
