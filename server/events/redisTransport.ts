/**
 * Carries the domain-event bus between processes over Redis pub/sub. The process that published
 * has already run every subscriber; the others receive the events here and run only the
 * `everyProcess` subscribers — those that act on their own sockets, documents and memory
 * (evictions, collab revocation) — so a change of rights holds on every process, while writes
 * (notifications, fan-out through the Socket.io Redis adapter) happen once.
 */
import crypto from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../logger';
import type { EventBus } from './bus';
import type { DomainEvent } from './types';

const CHANNEL = 'yz:events';

/** Connects the bus to the other processes through Redis at `url`; `close()` detaches it. */
export async function carryOverRedis(bus: EventBus, url: string, log: Logger): Promise<{ close(): Promise<void> }> {
  const origin = crypto.randomUUID();
  // own connections (a subscriber connection can do nothing else), queueing while they reconnect
  const pub = new Redis(url);
  const sub = new Redis(url);
  for (const c of [pub, sub]) c.on('error', (err) => log.warn({ err }, 'event transport: redis unavailable'));
  await sub.subscribe(CHANNEL);
  sub.on('message', (_channel: string, raw: string) => {
    let message: { origin: string; events: DomainEvent[] };
    try {
      message = JSON.parse(raw) as { origin: string; events: DomainEvent[] };
    } catch (err) {
      return log.warn({ err }, 'event transport: malformed message');
    }
    if (message.origin === origin) return;
    bus.deliver(message.events, { origin: false }).catch((err: unknown) => log.error({ err }, 'event transport: delivery failed'));
  });
  bus.setTransport((events) => {
    pub.publish(CHANNEL, JSON.stringify({ origin, events })).catch((err: unknown) => log.error({ err, events: events.map((e) => e.name) }, 'event transport: publish failed'));
  });
  return {
    async close() {
      bus.setTransport(null);
      await Promise.all([sub.quit().catch(() => undefined), pub.quit().catch(() => undefined)]);
    },
  };
}
