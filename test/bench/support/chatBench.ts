/**
 * The chat part of the matching bench: a paced sender over many rooms, send → delivered at the
 * other participant; and the profile of where that time goes, from the server child's timing
 * hooks (support/dbProfile.ts) lined up with this process's send and receipt times.
 */
import type { DbOp, ProfileDump } from './dbProfile';
import { percentile } from './stats';

/** Absolute ms (epoch), comparable with the child's hook times on the same machine. */
export const wallNow = () => performance.timeOrigin + performance.now();

export interface Paced {
  p50: number;
  p99: number;
  delivered: number;
  sent: number;
  elapsed: number;
  sentAt: Map<string, number>;
}

/** Sends `rate` messages a second for `seconds` through `send`, round-robin over `rooms`; `arrivals` is filled by the receiver. */
export async function paced(rate: number, seconds: number, rooms: readonly string[], send: (id: string, room: string) => void, arrivals: Map<string, number>): Promise<Paced> {
  const sentAt = new Map<string, number>();
  const perTick = Math.max(1, Math.round(rate / 100));
  const t0 = performance.now();
  for (let t = 0; t < seconds * 100; t++) {
    for (let k = 0; k < perTick; k++) {
      const id = `m${t}x${k}x${Math.random().toString(36).slice(2, 8)}`;
      sentAt.set(id, wallNow());
      send(id, rooms[(t * perTick + k) % rooms.length]!);
    }
    const due = t0 + (t + 1) * 10;
    while (performance.now() < due) await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
  }
  const deadline = performance.now() + 30_000;
  while (arrivals.size < sentAt.size && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  const elapsed = (performance.now() - t0) / 1000;
  const lat = [...sentAt].filter(([id]) => arrivals.has(id)).map(([id, at]) => arrivals.get(id)! - at);
  return { p50: percentile(lat, 50), p99: percentile(lat, 99), delivered: lat.length, sent: sentAt.size, elapsed, sentAt };
}

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
const dist = (xs: number[]) => `p50 ${f1(percentile(xs, 50))} / p99 ${f1(percentile(xs, 99))} / max ${f1(Math.max(...xs))}`;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** Who held the one FerretDB connection during a profiled window, busiest first. */
export function connectionLines(dump: ProfileDump, windowMs: number): string[] {
  const lines: string[] = [];
  const byColl = new Map<string, { n: number; ms: number }>();
  for (const o of dump.ops) {
    const key = `${o.cmd} ${o.coll}`;
    const e = byColl.get(key) ?? { n: 0, ms: 0 };
    e.n++;
    e.ms += o.end - o.start;
    byColl.set(key, e);
  }
  const busy = [...byColl.values()].reduce((a, e) => a + e.ms, 0);
  lines.push(`the one FerretDB connection was busy ${f1(busy)} ms of ${f1(windowMs)} ms (${((100 * busy) / windowMs).toFixed(0)} %):`);
  for (const [key, e] of [...byColl].sort((a, b) => b[1].ms - a[1].ms).slice(0, 6)) lines.push(`  ${key.padEnd(32)} ${String(e.n).padStart(5)} ops  ${f1(e.ms).padStart(8)} ms`);
  return lines;
}

/** The legs of one message's trip, in ms; `total` is send → delivered. */
const LEGS = ['in (send → queued at the writer)', 'queue (behind the flush in flight)', 'connection wait (behind other operations)', 'insert on FerretDB', 'insert returned → broadcast', 'broadcast → receipt'] as const;

/** Lines that say where the time of send → delivered goes. */
export function chatProfile(dump: ProfileDump, sentAt: Map<string, number>, arrivals: Map<string, number>, windowMs: number): string[] {
  const lines: string[] = [];
  const flushes = dump.ops.filter((o) => o.clientIds).sort((a, b) => a.call - b.call);
  const batchOf = new Map<string, DbOp>();
  for (const op of flushes) for (const id of op.clientIds!) batchOf.set(id, op);
  lines.push(`message flushes: ${flushes.length}; messages per flush ${dist(flushes.map((o) => o.n))}`);
  lines.push(`  insert on FerretDB (ms)            ${dist(flushes.map((o) => o.end - o.start))}`);
  lines.push(`  connection wait before it (ms)     ${dist(flushes.map((o) => o.start - o.call))}`);
  lines.push(`  insert asked → next insert asked   ${dist(flushes.slice(1).map((o, i) => o.call - flushes[i]!.call))}`);

  lines.push(...connectionLines(dump, windowMs));
  const behind = new Map<string, number>();
  for (const f of flushes) for (const o of dump.ops) if (o !== f && o.start >= f.call && o.start < f.start) behind.set(`${o.cmd} ${o.coll}`, (behind.get(`${o.cmd} ${o.coll}`) ?? 0) + o.end - o.start);
  lines.push(`  message inserts waited behind: ${[...behind].map(([k, ms]) => `${k} ${f1(ms)} ms`).join(', ') || 'nothing'}`);

  // each message's trip, leg by leg
  const trips: { total: number; legs: number[] }[] = [];
  const fanoutLag = new Map<DbOp, number>();
  for (const [id, queued, emitStart] of dump.messages) {
    const op = batchOf.get(id);
    const sent = sentAt.get(id);
    const got = arrivals.get(id);
    if (!op || sent === undefined || got === undefined || Number.isNaN(emitStart)) continue;
    trips.push({ total: got - sent, legs: [queued - sent, op.call - queued, op.start - op.call, op.end - op.start, emitStart - op.end, got - emitStart] });
    fanoutLag.set(op, Math.max(fanoutLag.get(op) ?? 0, emitStart - op.end));
  }
  trips.sort((a, b) => a.total - b.total);
  const tail = trips.slice(Math.floor(trips.length * 0.99));
  lines.push(`per message (ms; ${trips.length} traced, mean of the slowest 1 % = ${tail.length} messages, total ${f1(mean(tail.map((t) => t.total)))} ms):`);
  LEGS.forEach((leg, i) => lines.push(`  ${leg.padEnd(44)} ${dist(trips.map((t) => t.legs[i]!)).padEnd(34)} slowest 1 %: ${f1(mean(tail.map((t) => t.legs[i]!)))}`));

  // the broadcast of a batch against the next batch's insert
  let overlapped = 0;
  flushes.forEach((op, i) => {
    const next = flushes[i + 1];
    if (next && op.end + (fanoutLag.get(op) ?? 0) > next.call) overlapped++;
  });
  lines.push(`fan-out vs the next batch: a batch's last broadcast starts ${dist([...fanoutLag.values()])} ms after its insert returned;`);
  lines.push(`  the next insert was asked before that in ${overlapped} of ${flushes.length - 1} flushes; server event-loop delay p99 ${f1(dump.loopDelayP99)} ms, max ${f1(dump.loopDelayMax)} ms`);
  return lines;
}
