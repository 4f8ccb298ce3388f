import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';

const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)('a PostgreSQL pool', () => {
  it('survives its idle connections being cut (a server restart) and reconnects', async () => {
    const database = await openDatabase({ url: serverUrl as string, poolSize: 2 });
    const admin = await openDatabase({ url: serverUrl as string, poolSize: 1 });
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db);
      const pid = (rows[0] as { pid: number }).pid;
      // The connection is idle in the pool now; cutting it makes the pool emit 'error'.
      await sql`select pg_terminate_backend(${pid})`.execute(admin.db);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const again = await sql<{ one: number }>`select 1 as one`.execute(database.db);
      expect(again.rows[0]?.one).toBe(1);
      expect(warnings.some((w) => w.includes('PostgreSQL connection lost'))).toBe(true);
    } finally {
      process.off('warning', onWarning);
      await database.close();
      await admin.close();
    }
  });
});
