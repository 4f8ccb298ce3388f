/**
 * `node dist/server/server/main.js`: starts the platform with the demo district (unless
 * `--no-demo`). The same as `shuzhi serve`.
 */
import { runCli } from '@/cli/main.js';

await runCli(['node', 'shuzhi', 'serve', ...process.argv.slice(2)]);
