/**
 * Viewer counts shared by several processes, in Redis. Per challenge a sorted set holds one
 * member per (viewer, process) scored by when it expires; each process adds its viewers as
 * they arrive, removes them as they leave and renews its own every `refreshMs`, so a crashed
 * process's viewers vanish after `ttlMs`. A count is the number of distinct viewers among the
 * live members (a person with tabs on two processes counts once).
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

const key = (challengeId: string) => `yz:viewers:${challengeId}`;
const SEP = '\u0001';

export interface SharedViewerStore {
  joined(challengeId: string, viewerKey: string): Promise<void>;
  left(challengeId: string, viewerKey: string): Promise<void>;
  /** Renews this process's viewers (every challenge it has viewers on). */
  renew(viewers: Iterable<[string, Iterable<string>]>): Promise<void>;
  /** Distinct live viewers per challenge, across every process. */
  counts(challengeIds: string[]): Promise<Map<string, number>>;
  readonly refreshMs: number;
}

export function redisViewerStore(redis: Redis, opts: { ttlMs?: number; refreshMs?: number } = {}): SharedViewerStore {
  const ttlMs = opts.ttlMs ?? 60_000;
  const processId = randomBytes(6).toString('hex');
  const member = (viewerKey: string) => `${viewerKey}${SEP}${processId}`;
  return {
    refreshMs: opts.refreshMs ?? 20_000,
    async joined(challengeId, viewerKey) {
      await redis.multi().zadd(key(challengeId), Date.now() + ttlMs, member(viewerKey)).pexpire(key(challengeId), ttlMs).exec();
    },
    async left(challengeId, viewerKey) {
      await redis.zrem(key(challengeId), member(viewerKey));
    },
    async renew(viewers) {
      const expires = Date.now() + ttlMs;
      const batch = redis.pipeline();
      for (const [challengeId, keys] of viewers) {
        const args = [...keys].flatMap((k) => [expires, member(k)]);
        if (args.length) batch.zadd(key(challengeId), ...args).pexpire(key(challengeId), ttlMs);
      }
      if (batch.length) await batch.exec();
    },
    async counts(challengeIds) {
      const now = Date.now();
      const batch = redis.pipeline();
      for (const id of challengeIds) batch.zremrangebyscore(key(id), '-inf', now).zrangebyscore(key(id), now, '+inf');
      const replies = (await batch.exec()) ?? [];
      const out = new Map<string, number>();
      challengeIds.forEach((id, i) => {
        const [err, members] = replies[i * 2 + 1] ?? [null, []];
        if (err) throw err;
        out.set(id, new Set((members as string[]).map((m) => m.slice(0, m.lastIndexOf(SEP)))).size);
      });
      return out;
    },
  };
}
