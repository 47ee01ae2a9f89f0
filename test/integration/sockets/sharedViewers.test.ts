/**
 * The viewer counts of several processes in a real Redis: two trackers (two processes' worth)
 * count distinct people across both, and the viewers of a process that died (stopped renewing)
 * drop out after the TTL, the survivor announcing the lower total.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisViewerStore } from '../../../server/sockets/sharedViewers';
import { ViewerTracker } from '../../../server/sockets/viewers';
import { startRedis } from '../../helpers/redis';

let redis: Awaited<ReturnType<typeof startRedis>>;
const clients: Redis[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.quit()));
  await redis?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function tracker(announced: [string, number][]) {
  const client = new Redis(redis.url);
  clients.push(client);
  return new ViewerTracker((id, n) => announced.push([id, n]), 20, redisViewerStore(client, { ttlMs: 400, refreshMs: 100 }));
}

describe('viewer counts shared through Redis', () => {
  it('counts distinct people across processes and forgets a dead process after the TTL', async () => {
    const seenByA: [string, number][] = [];
    const a = tracker(seenByA);
    const b = tracker([]);
    a.add('c1', 'user:1', ['board']);
    b.add('c1', 'user:1', ['board']); // the same person on the other process
    b.add('c1', 'user:2', ['board']);
    await sleep(150);
    expect((await a.counts(['c1'])).get('c1')).toBe(2);
    expect((await b.counts(['c1', 'c2'])).get('c2')).toBe(0);

    b.stop(); // b dies: no more renewals, nothing removed
    await sleep(700);
    expect((await a.counts(['c1'])).get('c1')).toBe(1);
    expect(seenByA.at(-1)).toEqual(['c1', 1]); // a's renewal noticed and announced it

    a.remove('c1', 'user:1');
    await sleep(100);
    expect((await a.counts(['c1'])).get('c1')).toBe(0);
    a.stop();
  });
});
