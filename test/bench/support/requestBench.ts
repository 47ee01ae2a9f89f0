/**
 * Request → offer, the way the founder desk asks (client/stores/advice.ts `ask`: REST
 * `POST /api/advice/requests` with the session cookie; `cancel`: `POST …/:id/cancel`). Requests
 * are drawn with a fixed seed over the whole GB/T 4754 taxonomy (every division, group and
 * class) and a list of the topics founders type, in several urgencies and both languages; the
 * indexed dispatcher and the linear scan get the very same requests, warm-up included, burst by
 * burst in alternation (the first mode of each pair alternates too), so neither runs on a warmer
 * JIT or a quieter machine. Each burst's requests are cancelled afterwards (as a founder would
 * withdraw them) and stored before the next burst starts, so every burst meets the same free
 * advisors, no founder hits the limit of three open requests, and no burst queues behind the
 * previous one's cancels on the one FerretDB connection.
 */
import type { Socket } from 'socket.io-client';
import { INDUSTRIES } from '../../../shared/industryTable';
import { URGENCIES } from '../../../shared/constants';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/events';
import { percentile } from './stats';
import { seeded } from './report';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Topics as founders type them on the desk: most held by some advisors, a few by none. */
export const FOUNDER_TOPICS = ['出海', '融资', '数字化', '品牌', '供应链', '人才', '质量', '专利', '环保', '电商', '跨境电商', '股权激励', '出口退税', '精益生产', 'ESG', '直播带货'];

interface Desk {
  industry: string;
  topics: string[];
  question: string;
  urgency: (typeof URGENCIES)[number];
  language: 'zh-CN' | 'en';
}

/** `n` desk requests from `seed`: same seed, same requests, in any mode and run. */
export function deskRequests(seed: number, n: number): Desk[] {
  const rand = seeded(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const codes = INDUSTRIES.filter((node) => node.level !== 'section').map((node) => node.code);
  return Array.from({ length: n }, (_, i) => {
    const topics = [...new Set(Array.from({ length: Math.floor(rand() * 4) }, () => pick(FOUNDER_TOPICS)))];
    const industry = pick(codes);
    const urgency = rand() < 0.7 ? 'normal' : pick(URGENCIES);
    return { industry, topics, urgency, language: rand() < 0.85 ? 'zh-CN' : 'en', question: `我们是${industry}行业的企业，想请教${topics.join('、') || '经营'}方面的问题（第 ${i} 号）` };
  });
}

export interface BurstFigures {
  p50: number;
  p99: number;
  /** Request → the founder's own REST reply. */
  replyP99: number;
  rps: number;
}

/** Drives bursts against the server at `url` with founders' cookies; `monitor` hears every advisor room. */
export async function requestBench(props: {
  url: string;
  founders: string[];
  monitor: ClientSocket;
  setMode: (linear: boolean) => Promise<void>;
  /** Resolves once the server's request writer is idle (the cancels stored). */
  settle: () => Promise<void>;
  burst: number;
  bursts: number;
  warmupBursts: number;
}): Promise<{ indexed: BurstFigures; linear: BurstFigures }> {
  const offeredAt = new Map<string, number>();
  const heard = (o: { request: { id: string } }) => offeredAt.set(o.request.id, performance.now());
  props.monitor.on('advice:offered', heard);
  let founder = 0;

  /** One burst of `desks`, all at once; returns per-request latencies and the burst's busy time. */
  async function burst(desks: Desk[]) {
    const t0 = performance.now();
    const asked = await Promise.all(
      desks.map(async (desk) => {
        const cookie = props.founders[founder++ % props.founders.length]!;
        const sent = performance.now();
        const res = await fetch(`${props.url}/api/advice/requests`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', origin: props.url, cookie }, body: JSON.stringify(desk) });
        const replied = performance.now();
        if (res.status !== 201) throw new Error(`request failed: ${res.status} ${await res.text()}`);
        return { id: ((await res.json()) as { data: { id: string } }).data.id, sent, replied, cookie };
      }),
    );
    while (!asked.every((a) => offeredAt.has(a.id))) await new Promise((r) => setTimeout(r, 1));
    const busy = performance.now() - t0;
    await Promise.all(asked.map((a) => fetch(`${props.url}/api/advice/requests/${a.id}/cancel`, { method: 'POST', headers: { accept: 'application/json', origin: props.url, cookie: a.cookie } }).then((r) => r.text())));
    await props.settle(); // a batch of cancels holds the one connection for a long time: not part of the next burst
    await new Promise((r) => setTimeout(r, 100));
    return { offer: asked.map((a) => offeredAt.get(a.id)! - a.sent), reply: asked.map((a) => a.replied - a.sent), busy };
  }

  /** Runs the same bursts in both modes, alternating; returns each mode's samples. */
  async function both(desks: Desk[], size: number, count: number) {
    const out = { indexed: { offer: [] as number[], reply: [] as number[], busy: 0 }, linear: { offer: [] as number[], reply: [] as number[], busy: 0 } };
    for (let b = 0; b < count; b++) {
      const slice = desks.slice(b * size, (b + 1) * size);
      for (const linear of b % 2 ? [true, false] : [false, true]) {
        await props.setMode(linear);
        const r = await burst(slice);
        const acc = linear ? out.linear : out.indexed;
        acc.offer.push(...r.offer);
        acc.reply.push(...r.reply);
        acc.busy += r.busy;
      }
    }
    return out;
  }

  await both(deskRequests(1, props.burst * props.warmupBursts), props.burst, props.warmupBursts);
  const m = await both(deskRequests(2, props.burst * props.bursts), props.burst, props.bursts);
  await props.setMode(false);
  props.monitor.off('advice:offered', heard);
  const figures = (s: (typeof m)['indexed']): BurstFigures => ({ p50: percentile(s.offer, 50), p99: percentile(s.offer, 99), replyP99: percentile(s.reply, 99), rps: s.offer.length / (s.busy / 1000) });
  return { indexed: figures(m.indexed), linear: figures(m.linear) };
}
