import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { countHit, peekHits, pruneCounters } from './throttle-service.js';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(async () => {
  await t.close();
});

describe('shared counters', () => {
  it('counts hits in a window that starts with the first hit and then begins again', async () => {
    const db = t.ctx.db;
    const first = await countHit({ db, key: 'k1', windowMs: 300 });
    expect(first.count).toBe(1);
    expect(first.ttlMs).toBeGreaterThan(0);
    expect(first.ttlMs).toBeLessThanOrEqual(300);
    expect((await countHit({ db, key: 'k1', windowMs: 300 })).count).toBe(2);
    expect((await peekHits({ db, key: 'k1' })).count).toBe(2);
    expect((await countHit({ db, key: 'other', windowMs: 300 })).count).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await peekHits({ db, key: 'k1' })).count).toBe(0);
    expect((await countHit({ db, key: 'k1', windowMs: 300 })).count).toBe(1);
  });

  it('loses no hit when many come at once', async () => {
    const counts = await Promise.all(Array.from({ length: 25 }, () => countHit({ db: t.ctx.db, key: 'burst', windowMs: 60_000 })));
    expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('keeps long keys apart by their digest', async () => {
    const a = `x${'a'.repeat(400)}`;
    const b = `x${'a'.repeat(399)}b`;
    expect((await countHit({ db: t.ctx.db, key: a, windowMs: 60_000 })).count).toBe(1);
    expect((await countHit({ db: t.ctx.db, key: b, windowMs: 60_000 })).count).toBe(1);
    expect((await countHit({ db: t.ctx.db, key: a, windowMs: 60_000 })).count).toBe(2);
  });

  it('prunes the counters whose window has run out, and only those', async () => {
    await countHit({ db: t.ctx.db, key: 'short', windowMs: 50 });
    await countHit({ db: t.ctx.db, key: 'long', windowMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 80));
    await pruneCounters({ db: t.ctx.db });
    const keys = (await t.ctx.db.selectFrom('rate_counters').select('key').execute()).map((r) => r.key);
    expect(keys).not.toContain('short');
    expect(keys).toContain('long');
  });
});
