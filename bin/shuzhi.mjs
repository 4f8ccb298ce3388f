#!/usr/bin/env node
// The `shuzhi` command. Runs the compiled CLI when the build is at least as new as the
// sources, and otherwise the TypeScript sources through tsx, so that a fresh checkout or
// an edited one never runs stale code.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isBuildFresh } from '../scripts/build-state.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join('dist', 'server', 'cli', 'main.js');
let cli;
if (isBuildFresh(root, [compiled], ['src'])) {
  cli = await import(pathToFileURL(join(root, compiled)).href);
} else {
  const { tsImport } = await import('tsx/esm/api');
  cli = await tsImport(pathToFileURL(join(root, 'src', 'cli', 'main.ts')).href, {
    parentURL: import.meta.url,
    tsconfig: join(root, 'tsconfig.json'),
  });
}
await cli.runCli(process.argv);
