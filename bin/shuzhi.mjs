#!/usr/bin/env node
// The `shuzhi` command. Runs the compiled CLI when the project has been built, and
// falls back to running the TypeScript sources through tsx so that a fresh checkout
// works before `npm run build`.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist', 'server', 'cli', 'main.js');
let cli;
if (existsSync(compiled)) {
  cli = await import(pathToFileURL(compiled).href);
} else {
  const { tsImport } = await import('tsx/esm/api');
  cli = await tsImport(pathToFileURL(join(root, 'src', 'cli', 'main.ts')).href, {
    parentURL: import.meta.url,
    tsconfig: join(root, 'tsconfig.json'),
  });
}
await cli.runCli(process.argv);
