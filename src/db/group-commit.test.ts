import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

/** A writer that records its batches and can be held open to let submissions queue. */
function recorder(fail: (items: number[]) => boolean = () => false) {
  const batches: number[][] = [];
  let release: (() => void) | null = null;
  let hold = false;
  const write = async (take: () => number[]) => {
    const items = take();
    batches.push([...items]);
    if (hold) await new Promise<void>((r) => (release = r));
    if (fail(items)) throw new Error(`batch ${items.join(',')} failed`);
    return items.map((i) => i * 10);
  };
  return {
    batches,
    write,
    hold() {
      hold = true;
    },
    open() {
      hold = false;
      release?.();
    },
  };
}

describe('GroupCommit', () => {
  it('writes a lone submission at once, alone', async () => {
    const r = recorder();
    const gc = new GroupCommit(r.write);
    expect(await gc.submit(1)).toBe(10);
    expect(r.batches).toEqual([[1]]);
  });

  it('puts what arrives during a write into the next batch, results in order', async () => {
    const r = recorder();
    const gc = new GroupCommit(r.write);
    r.hold();
    const first = gc.submit(1);
    const rest = [2, 3, 4].map((i) => gc.submit(i));
    expect(gc.waiting).toBe(3);
    r.open();
    expect(await first).toBe(10);
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
    expect(r.batches).toEqual([[1], [2, 3, 4]]);
  });

  it('caps a batch at maxBatch', async () => {
    const r = recorder();
    const gc = new GroupCommit(r.write, 2);
    r.hold();
    const all = [1, 2, 3, 4, 5].map((i) => gc.submit(i));
    r.open();
    await Promise.all(all);
    expect(r.batches).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('retries a failed batch one by one: only the bad item fails', async () => {
    const r = recorder((items) => items.includes(3));
    const gc = new GroupCommit(r.write);
    r.hold();
    const first = gc.submit(1);
    const rest = [2, 3, 4].map((i) => gc.submit(i).then((v) => ({ ok: v }), (e: Error) => ({ error: e.message })));
    r.open();
    await first;
    expect(await Promise.all(rest)).toEqual([{ ok: 20 }, { error: 'batch 3 failed' }, { ok: 40 }]);
    expect(r.batches).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });

  it('keeps going after a failure and accepts new work when idle', async () => {
    const r = recorder((items) => items.includes(1));
    const gc = new GroupCommit(r.write);
    await expect(gc.submit(1)).rejects.toThrow('batch 1 failed');
    expect(await gc.submit(2)).toBe(20);
  });

  it('writes up to `writers` batches at once', async () => {
    let open = 0;
    let most = 0;
    const gates: (() => void)[] = [];
    const gc = new GroupCommit(
      async (take: () => number[]) => {
        const items = take();
        open += 1;
        most = Math.max(most, open);
        await new Promise<void>((r) => gates.push(r));
        open -= 1;
        return items;
      },
      200,
      2,
    );
    const all = [1, 2, 3, 4].map((i) => gc.submit(i));
    await Promise.resolve();
    expect(gates.length).toBe(2); // 1 and 2 each went alone; 3 and 4 wait for a free writer
    while (gates.length) gates.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
    while (gates.length) gates.shift()?.();
    expect(await Promise.all(all)).toEqual([1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it('fails the whole batch at once when the error is not worth retrying item by item', async () => {
    const r = recorder((items) => items.length > 1);
    const gc = new GroupCommit(r.write, 200, 1, () => false);
    r.hold();
    const first = gc.submit(1);
    const rest = [2, 3].map((i) => gc.submit(i).then(() => 'ok', (e: Error) => e.message));
    r.open();
    await first;
    expect(await Promise.all(rest)).toEqual(['batch 2,3 failed', 'batch 2,3 failed']);
    expect(r.batches).toEqual([[1], [2, 3]]);
  });

  it('lets what arrives before the writer takes its batch join it (after BEGIN)', async () => {
    const batches: number[][] = [];
    let begun: () => void = () => {};
    const gc = new GroupCommit(async (take: () => number[]) => {
      await new Promise<void>((r) => (begun = r)); // BEGIN's round trip
      const items = take();
      batches.push(items);
      return items.map((i) => i * 10);
    });
    const first = gc.submit(1);
    const late = [2, 3].map((i) => gc.submit(i)); // arrive while the transaction begins
    begun();
    expect(await Promise.all([first, ...late])).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('fails what it would have taken when the write fails before taking, and goes on', async () => {
    let calls = 0;
    const gc = new GroupCommit(async (take: () => number[]) => {
      calls += 1;
      if (calls === 1) throw new Error('connection refused');
      return take().map((i) => i * 10);
    }, 200, 1, () => false);
    const failed = gc.submit(1).then(() => 'ok', (e: Error) => e.message);
    expect(await failed).toBe('connection refused');
    expect(await gc.submit(2)).toBe(20);
  });
});
