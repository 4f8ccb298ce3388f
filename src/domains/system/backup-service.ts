/**
 * Backups in one engine-neutral format: gzip-compressed JSON lines, a header naming the
 * applied migrations, then every row of every table. A backup of the embedded database
 * restores into a PostgreSQL server and back, which is also the way to move a town from
 * PGlite to a server. Restore is one transaction: it replaces everything or nothing.
 */
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { createGunzip, createGzip } from 'node:zlib';
import { z } from 'zod';
import { appliedMigrations, type Db } from '@/db/database.js';
import { AppError } from '@/shared/errors.js';
import { BACKUP_TABLES as TABLES, insertBackupRows, readTablePage, resetSequences, truncateBackupTables } from './backup-repository.js';

const FORMAT = 'shuzhi-backup';
const FORMAT_VERSION = 1;

const headerSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(FORMAT_VERSION),
  createdAt: z.string(),
  engine: z.string(),
  migrations: z.array(z.string()),
});
type Header = z.infer<typeof headerSchema>;

const rowLineSchema = z.object({ t: z.string(), r: z.record(z.string(), z.unknown()) });

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}

/** Counts of rows written or restored, per table. */
export type TableCounts = Record<string, number>;

/** Writes a backup of every table to `file`. */
export async function backupDatabase(options: { db: Db; engine: string; file: string }): Promise<TableCounts> {
  const { db } = options;
  const gzip = createGzip();
  const out = createWriteStream(options.file, { mode: 0o600 });
  gzip.pipe(out);
  const write = async (value: unknown) => {
    if (!gzip.write(`${JSON.stringify(value)}\n`)) await once(gzip, 'drain');
  };
  const counts: TableCounts = {};
  // One repeatable-read snapshot, so the backup is consistent while the server keeps writing.
  await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      const header: Header = {
        format: FORMAT,
        version: FORMAT_VERSION,
        createdAt: new Date().toISOString(),
        engine: options.engine,
        migrations: await appliedMigrations(tx as unknown as Db),
      };
      await write(header);
      for (const table of TABLES) {
        counts[table.name] = 0;
        const pageSize = 2000;
        for (let offset = 0; ; offset += pageSize) {
          const rows = await readTablePage(tx, table, offset, pageSize);
          for (const row of rows) {
            await write({ t: table.name, r: row });
            counts[table.name] = (counts[table.name] ?? 0) + 1;
          }
          if (rows.length < pageSize) break;
        }
      }
    });
  gzip.end();
  await once(out, 'close');
  return counts;
}

/**
 * Replaces the whole database with the backup in `file`. The backup must come from the
 * same schema version (the same applied migrations).
 */
export async function restoreDatabase(options: { db: Db; file: string }): Promise<TableCounts> {
  const { db, file } = options;
  const invalid = (why: string, cause?: unknown) =>
    new AppError('BACKUP_INVALID', `${file}: ${why}`, { userMessage: `${file} 不是有效的数智备份:${why}`, cause });
  try {
    if (!statSync(file).isFile()) throw invalid('不是文件');
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalid('文件不存在或无法读取', error);
  }
  const input = createReadStream(file);
  const gunzip = createGunzip();
  // Errors of the file or the decompression end the read as a BACKUP_INVALID (the
  // restore transaction then rolls back), instead of escaping as an uncaught event.
  let streamError: unknown = null;
  input.on('error', (error) => {
    streamError = error;
    gunzip.destroy(error);
  });
  const lines = createInterface({ input: input.pipe(gunzip), crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  const nextLine = async () => {
    try {
      return await iterator.next();
    } catch (error) {
      throw invalid(`读取失败(文件损坏或不完整):${String((streamError as Error | null)?.message ?? error)}`, error);
    }
  };
  let header: Header;
  try {
    const first = await nextLine();
    header = headerSchema.parse(JSON.parse(String(first.value ?? '')));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalid('缺少或无法识别备份文件头', error);
  }
  const current = await appliedMigrations(db);
  if (JSON.stringify(current) !== JSON.stringify(header.migrations)) {
    throw new AppError('BACKUP_INVALID', `backup schema ${header.migrations.at(-1)} differs from ${current.at(-1)}`, {
      userMessage: `备份的数据库版本(${header.migrations.at(-1)})与当前版本(${current.at(-1)})不同,请使用相同版本的数智恢复`,
    });
  }
  const byName = new Map(TABLES.map((t) => [t.name as string, t]));
  const counts: TableCounts = Object.fromEntries(TABLES.map((t) => [t.name, 0]));
  await db.transaction().execute(async (tx) => {
    await truncateBackupTables(tx);
    let batch: Record<string, unknown>[] = [];
    let batchTable = '';
    const flush = async () => {
      if (batch.length === 0) return;
      const table = byName.get(batchTable);
      if (!table) throw new AppError('BACKUP_INVALID', `unknown table ${batchTable} in backup`);
      await insertBackupRows(tx, table, batch);
      counts[batchTable] = (counts[batchTable] ?? 0) + batch.length;
      batch = [];
    };
    for (let lineNumber = 2; ; lineNumber += 1) {
      const next = await nextLine();
      if (next.done) break;
      const line = String(next.value);
      if (!line.trim()) continue;
      const parsedLine = rowLineSchema.safeParse(safeJson(line));
      if (!parsedLine.success) throw invalid(`第 ${lineNumber} 行不是有效的数据行`);
      const { t, r } = parsedLine.data;
      if (t !== batchTable || batch.length >= 500) {
        await flush();
        batchTable = t;
      }
      batch.push(r);
    }
    await flush();
    await resetSequences(tx);
  });
  return counts;
}
