/**
 * What every CLI command shares: configuration, an open context, error reporting with
 * stable exit codes.
 */
import { loadConfig, type Config } from '@/config/config.js';
import type { AppContext } from '@/server/context.js';
import { openContext } from '@/server/open.js';
import { fromDatabaseError, isAppError } from '@/shared/errors.js';

/** Runs `body` with an open, migrated database and closes it afterwards. */
export async function withContext<T>(body: (ctx: AppContext) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const config = loadConfig();
  const ctx = await openContext(config, options);
  try {
    return await body(ctx);
  } finally {
    await ctx.database.close();
  }
}

/** The configuration, or exit with its problem. */
export function configOrExit(): Config {
  return loadConfig();
}

/** Prints an error the way people read it and returns the exit code. */
export function reportError(caught: unknown): number {
  const error = fromDatabaseError(caught) ?? caught;
  if (isAppError(error)) {
    process.stderr.write(`错误 [${error.code}]${error.field ? ` ${error.field}` : ''}:${error.userMessage}\n`);
    if (Array.isArray(error.details) && error.details.length > 1) {
      for (const detail of error.details.slice(0, 20) as { field?: string; message?: string }[]) {
        process.stderr.write(`  - ${detail.field ?? ''}:${detail.message ?? JSON.stringify(detail)}\n`);
      }
      if (error.details.length > 20) process.stderr.write(`  …另有 ${error.details.length - 20} 处\n`);
    }
    return error.exitCode;
  }
  process.stderr.write(`内部错误:${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}

/** Reads all of standard input as text. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
