import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { preparedMarker, preparedNameOf } from './prepared.js';

const serverUrl = process.env.TEST_DATABASE_URL;

describe('prepared statement names', () => {
  it('names only marked texts, one name per text', () => {
    const a = '/* prepared */ select 1'; // what preparedMarker() writes
    expect(preparedNameOf('select 1')).toBeUndefined();
    const name = preparedNameOf(a);
    expect(name).toMatch(/^sz_[0-9a-f]{20}$/);
    expect(preparedNameOf(a)).toBe(name);
    expect(preparedNameOf(`${a} + 1`)).not.toBe(name);
  });
});

describe.skipIf(!serverUrl)('prepared statements on a PostgreSQL server', () => {
  it('sends a marked query as a named statement, an unmarked one unnamed, with the same answers', async () => {
    const database = await openDatabase({ url: serverUrl as string, poolSize: 1 });
    try {
      for (let n = 0; n < 7; n += 1) {
        const marked = await sql<{ n: number }>`${preparedMarker()} select ${n}::int + 1 as n`.execute(database.db);
        expect(marked.rows[0]?.n).toBe(n + 1);
        const plain = await sql<{ n: number }>`select ${n}::int + 2 as n`.execute(database.db);
        expect(plain.rows[0]?.n).toBe(n + 2);
      }
      // One connection: what it has prepared is what this test sent.
      const { rows } = await sql<{ name: string; statement: string; generic_plans: number; custom_plans: number }>`
        select name, statement, generic_plans, custom_plans from pg_prepared_statements`.execute(database.db);
      const prepared = rows.filter((r) => r.name.startsWith('sz_'));
      expect(prepared).toHaveLength(1);
      expect(prepared[0]?.statement).toContain('+ 1 as n');
      // Seven runs, planned at most a handful of times: the rest reuse a generic plan.
      expect(Number(prepared[0]?.generic_plans) + Number(prepared[0]?.custom_plans)).toBe(7);
      expect(Number(prepared[0]?.generic_plans)).toBeGreaterThan(0);
    } finally {
      await database.close();
    }
  });

  it('keeps working inside a transaction that fails and rolls back', async () => {
    const database = await openDatabase({ url: serverUrl as string, poolSize: 1 });
    try {
      await expect(
        database.db.transaction().execute(async (tx) => {
          await sql`${preparedMarker()} select 1/${0}::int as boom`.execute(tx);
        }),
      ).rejects.toThrow(/division by zero/);
      // The same text again, prepared or not by the failed attempt, answers.
      const again = await sql<{ n: number }>`${preparedMarker()} select 1/${1}::int as boom`.execute(database.db);
      expect(again.rows[0]).toEqual({ boom: 1 });
      // A marked statement sent into a transaction that has already failed fails as any
      // would, and works once the transaction is over.
      await expect(
        database.db.transaction().execute(async (tx) => {
          await expect(sql`select 1/0`.execute(tx)).rejects.toThrow(/division by zero/);
          await sql`${preparedMarker()} select ${3}::int * 2 as n`.execute(tx);
        }),
      ).rejects.toThrow(/current transaction is aborted/);
      const after = await sql<{ n: number }>`${preparedMarker()} select ${3}::int * 2 as n`.execute(database.db);
      expect(after.rows[0]?.n).toBe(6);
    } finally {
      await database.close();
    }
  });
});
