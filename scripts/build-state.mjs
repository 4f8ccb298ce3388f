// Whether the compiled build is at least as new as the sources it comes from. Shared by
// `npm start` (build when stale) and bin/shuzhi.mjs (run the sources when stale).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

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

/** Newest modification time (ms) of the given files and folders under `root`. */
export function newestSource(root, parts) {
  return Math.max(...parts.map((part) => join(root, part)).filter(existsSync).map(newest));
}

/** True when every file in `outputs` exists and is newer than every source in `sources`. */
export function isBuildFresh(root, outputs, sources) {
  const paths = outputs.map((output) => join(root, output));
  if (!paths.every(existsSync)) return false;
  const built = Math.min(...paths.map((path) => statSync(path).mtimeMs));
  return built >= newestSource(root, sources);
}
