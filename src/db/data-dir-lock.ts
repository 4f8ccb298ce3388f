/**
 * One process at a time may open a PGlite data directory: two would corrupt it. The lock
 * is a file holding the owner's pid; a lock left by a dead process is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '@/shared/errors.js';

const LOCK_NAME = 'shuzhi.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock of `dataDir`; returns the function that releases it. */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_NAME);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new AppError('CONFLICT', `data directory ${dataDir} is in use by process ${pid}`, {
          userMessage: `数据目录 ${dataDir} 正被进程 ${pid} 使用(服务正在运行?)。嵌入式数据库同一时间只能由一个进程打开:请先停止服务,或通过 API 操作。`,
        });
      }
      rmSync(path, { force: true });
    }
  }
  throw new AppError('CONFLICT', `could not lock ${dataDir}`);
}
