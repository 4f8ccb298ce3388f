/**
 * Starts the real server for browser tests, exactly as a newcomer would: an empty data
 * directory, the demo district loaded on first start, generated passwords printed once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from './server-process.js';

/** A running server with one of its printed demo logins. */
export interface TestServer {
  url: string;
  credentials: { username: string; password: string };
  close(): Promise<void>;
}

/** Starts the server with the demo district and returns the admin's printed login. */
export async function startTestServer(): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shuzhi-browser-'));
  const server = await startServerProcess({ SHUZHI_DATA_DIR: dataDir });
  // The logins are printed just after the "started" line; give them a moment to arrive.
  const findLine = () =>
    server
      .output()
      .split('\n')
      .find((l) => /^\s+admin\s+\S+\s+admin\b/.test(l));
  for (let i = 0; i < 100 && !findLine(); i += 1) await new Promise((r) => setTimeout(r, 100));
  const line = findLine();
  const [, username, password] = line?.match(/^\s+(\S+)\s+(\S+)/) ?? [];
  if (!username || !password) {
    await server.kill();
    throw new Error(`no admin login printed:\n${server.output()}`);
  }
  return {
    url: server.url,
    credentials: { username, password },
    async close() {
      await server.kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
