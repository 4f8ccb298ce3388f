#!/usr/bin/env node
// `npm start`: builds the server and the web UI when the build is missing or older than
// the sources, then runs the server (with the demo district on first start). Arguments
// after `--` pass through, e.g. `npm start -- --no-demo`.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBuildFresh } from './build-state.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const serverEntry = join('dist', 'server', 'server', 'main.js');
const webEntry = join('web', 'dist', 'index.html');

if (!isBuildFresh(root, [serverEntry, webEntry], ['src', 'web', 'package.json'])) {
  process.stdout.write('正在构建服务端与前端(首次启动约需一分钟)…\n');
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const child = spawn(process.execPath, [join(root, serverEntry), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
