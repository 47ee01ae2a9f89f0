import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../../../server/db/groupCommit';

/** A flush that records its batches and waits until released. */
function gated() {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  const commit = new GroupCommit<number, number>(async (items, settle) => {
    batches.push([...items]);
    await new Promise<void>((r) => gates.push(r));
    items.forEach((n, i) => (n < 0 ? settle(i, { error: new Error(`bad ${n}`) }) : settle(i, { value: n * 10 })));
  });
  const release = async () => {
    while (gates.length === 0) await new Promise((r) => setImmediate(r));
    gates.shift()?.();
  };
  return { commit, batches, release };
}

describe('GroupCommit', () => {
  it('writes what arrives together in one flush, and what arrives during a flush together in the next', async () => {
    const { commit, batches, release } = gated();
    const first = [1, 2, 3].map((n) => commit.add(n)); // same turn: one flush
    await new Promise((r) => setImmediate(r));
    const second = [4, 5].map((n) => commit.add(n)); // while the first is in flight
    const third = commit.add(6);
    await release();
    expect(await Promise.all(first)).toEqual([10, 20, 30]);
    await release();
    expect(await Promise.all([...second, third])).toEqual([40, 50, 60]);
    expect(batches).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(commit.stats).toEqual({ items: 6, flushes: 2 });
  });

  it('fails items one by one: a bad item rejects alone, the rest of its batch is written', async () => {
    const { commit, release } = gated();
    const results = Promise.allSettled([1, -2, 3].map((n) => commit.add(n)));
    await release();
    expect((await results).map((r) => (r.status === 'fulfilled' ? r.value : String((r.reason as Error).message)))).toEqual([10, 'bad -2', 30]);
  });

  it('rejects a whole batch whose flush throws (and items it left unsettled), then carries on with the next', async () => {
    let calls = 0;
    const commit = new GroupCommit<number, number>(async (items, settle) => {
      calls++;
      if (calls === 1) {
        settle(0, { value: 1 });
        throw new Error('connection lost');
      }
      if (calls === 2) return; // settles nothing
      items.forEach((n, i) => settle(i, { value: n }));
    });
    const a = Promise.allSettled([commit.add(1), commit.add(2)]);
    expect((await a).map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    await expect(commit.add(3)).rejects.toThrow('unsettled');
    expect(await commit.add(4)).toBe(4);
    await commit.idle();
  });
});
