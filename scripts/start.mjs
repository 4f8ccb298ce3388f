#!/usr/bin/env node
// `npm start`: builds the server and the web UI when the build is missing or older than
// the sources, then runs the server (with the demo district on first start). Arguments
// after `--` pass through, e.g. `npm start -- --no-demo`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const serverEntry = join(root, 'dist', 'server', 'server', 'main.js');
const webEntry = join(root, 'web', 'dist', 'index.html');

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name === 'dist') continue;
    latest = Math.max(latest, newest(join(path, name)));
  }
  return latest;
}

const sources = Math.max(newest(join(root, 'src')), newest(join(root, 'web')), statSync(join(root, 'package.json')).mtimeMs);
const built = existsSync(serverEntry) && existsSync(webEntry) ? Math.min(statSync(serverEntry).mtimeMs, statSync(webEntry).mtimeMs) : 0;
if (built < sources) {
  process.stdout.write('正在构建服务端与前端(首次启动约需一分钟)…\n');
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const child = spawn(process.execPath, [serverEntry, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
