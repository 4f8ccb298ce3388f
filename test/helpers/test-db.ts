/**
 * A database for one test file: its own schema, migrated, on the worker's shared PGlite
 * (or on the PostgreSQL server of TEST_DATABASE_URL). Dropped when the file is done.
 */
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { loadConfig, type Config } from '@/config/config.js';
import { migrateToLatest, openDatabase, type Database } from '@/db/database.js';
import { PGliteDialect } from '@/db/pglite-dialect.js';
import type { DB } from '@/db/schema.js';
import { createContext, type AppContext } from '@/server/context.js';

let sharedPglite: Promise<PGlite> | undefined;

/** A test database and its context. */
export interface TestDatabase {
  database: Database;
  ctx: AppContext;
  config: Config;
  schema: string;
  close(): Promise<void>;
}

/** The engine tests run on. */
export const testEngine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/**
 * Migrates a test schema. Kysely's migrator looks at every schema of the database (its
 * introspection calls has_schema_privilege and pg_get_serial_sequence on each name it lists);
 * when another test file drops its schema in that instant, the lookup fails naming that other
 * schema.
 * Nothing of ours went wrong, so the migration is simply tried again.
 */
async function migrateWithRetry(db: Database['db'], schema: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await migrateToLatest(db, schema);
      return;
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      // 3F000: no such schema (has_schema_privilege); 42P01: no such relation (pg_get_serial_sequence).
      const otherSchemaDropped = (cause?.code === '3F000' || cause?.code === '42P01') && !cause.message?.includes(schema);
      if (!otherSchemaDropped || attempt >= 5) throw error;
    }
  }
}

/** Opens a fresh, migrated schema for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const url = process.env.TEST_DATABASE_URL;
  let database: Database;
  if (url) {
    database = await openDatabase({ url, schema, poolSize: 4 });
  } else {
    sharedPglite ??= PGlite.create();
    const client = await sharedPglite;
    await client.exec(`create schema ${schema}`);
    const db = new Kysely<DB>({ dialect: new PGliteDialect(client, { keepOpen: true, schema }) });
    database = { db, engine: 'pglite', location: `memory://${schema}`, schema, close: () => db.destroy() };
  }
  await migrateWithRetry(database.db, schema);
  // Tests log in far more often than people; the per-address limit has its own test.
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SHUZHI_DATA_DIR: 'memory://', SHUZHI_LOGIN_RATE_PER_MINUTE: '10000' });
  const ctx = createContext(database, config);
  return {
    database,
    ctx,
    config,
    schema,
    async close() {
      if (url) {
        await database.close();
        const admin = await openDatabase({ url, poolSize: 1 });
        await admin.db.schema.dropSchema(schema).ifExists().cascade().execute();
        await admin.close();
      } else {
        await database.db.schema.dropSchema(schema).ifExists().cascade().execute();
        await database.close();
      }
    },
  };
}
