/**
 * Opens the configured database, applies pending migrations and builds the context.
 * Shared by the server and the CLI.
 */
import type { Config } from '@/config/config.js';
import { migrateToLatest, openDatabase } from '@/db/database.js';
import { createContext, type AppContext } from './context.js';

/** Opens and migrates the database of `config`. */
export async function openContext(config: Config, options: { migrate?: boolean } = {}): Promise<AppContext> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (options.migrate !== false) await migrateToLatest(database.db, database.schema);
  } catch (error) {
    await database.close();
    throw error;
  }
  return createContext(database, config);
}
