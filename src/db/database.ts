/**
 * Opens the database: embedded PGlite by default, a PostgreSQL server when a URL is given.
 * Both speak the same SQL through the same typed query builder and the same migrations.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, sql, type MigrationResultSet, type Transaction } from 'kysely';
import pg from 'pg';
import { AppError } from '@/shared/errors.js';
import { lockDataDir } from './data-dir-lock.js';
import { migrations } from './migrations/index.js';
import { PGliteDialect } from './pglite-dialect.js';
import { PreparingClient } from './prepared.js';
import type { DB } from './schema.js';

/** The query builder over Shuzhi's tables. */
export type Db = Kysely<DB>;
/** A query builder bound to an open transaction. */
export type Tx = Transaction<DB>;
/** Either one: repositories accept both so services decide where transactions begin. */
export type Executor = Db | Tx;

/** Which engine is underneath. */
export type Engine = 'pglite' | 'postgres';

/** An open database. */
export interface Database {
  db: Db;
  engine: Engine;
  /** Where PGlite keeps its files, or the server URL with the password hidden. */
  location: string;
  /** The schema Shuzhi's tables live in. */
  schema: string;
  close(): Promise<void>;
}

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** PostgreSQL server URL; when absent PGlite is used. */
  url?: string;
  /** PGlite data directory, or `memory://` for a throwaway database. */
  dataDir?: string;
  /** A schema to work in (tests isolate themselves this way); created if missing. */
  schema?: string;
  /** Maximum pooled connections to a server. */
  poolSize?: number;
}

// PostgreSQL's int8 (bigint, count(*)) arrives as a string from node-postgres; our counts and
// sequence numbers stay far below 2^53, so they are read as numbers on both engines.
pg.types.setTypeParser(20, (value) => Number(value));

/** Opens (and for PGlite, creates) the database described by `options`. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new AppError('CONFIG_INVALID', `Invalid schema name ${schema}`);
  }
  if (options.url) {
    if (schema) await ensureSchemaOnServer(options.url, schema);
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      // Statements marked in repositories run as prepared ones (see prepared.ts).
      Client: PreparingClient,
      options: schema ? `-c search_path=${schema}` : undefined,
    });
    // An idle connection that breaks (the server restarted, a network cut) is dropped by the
    // pool, which then emits 'error'; unheard, that event would end the process. The next
    // query opens a fresh connection.
    pool.on('error', (error) => process.emitWarning(`PostgreSQL connection lost: ${error.message}`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', location: hidePassword(options.url), schema: schema ?? 'public', close: () => db.destroy() };
  }
  const dataDir = options.dataDir ?? 'memory://';
  let unlock = () => {};
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  try {
    const client = await PGlite.create(dataDir);
    if (schema) await client.exec(`create schema if not exists ${schema}`);
    const db = new Kysely<DB>({ dialect: new PGliteDialect(client, { schema }) });
    const close = async () => {
      try {
        await db.destroy();
      } finally {
        unlock();
      }
    };
    return { db, engine: 'pglite', location: dataDir, schema: schema ?? 'public', close };
  } catch (error) {
    unlock();
    throw error;
  }
}

async function ensureSchemaOnServer(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create schema if not exists ${schema}`);
  } finally {
    await client.end();
  }
}

function hidePassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres';
  }
}

/**
 * Applies every pending migration; throws if one fails (and leaves the others applied).
 * The migrator is pinned to `schema`: left to itself it would take another schema's
 * migration table for its own.
 */
export async function migrateToLatest(db: Db, schema = 'public'): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: schema,
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    throw new AppError('INTERNAL', `Migration failed: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}

/** Round-trips a trivial query: the database answers. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/** Names of the migrations applied to this database, in order. */
export async function appliedMigrations(db: Db): Promise<string[]> {
  const result = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return result.rows.map((row) => row.name);
}
