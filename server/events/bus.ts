/**
 * The one typed event bus. Commands return domain events; the handler publishes them after the
 * write succeeded; small subscribers own each consequence (room evictions, fan-out, collab
 * revocation, notifications, timers), in the order they were registered.
 *
 * Carrying it between processes later: events are plain JSON, and each subscriber says where it
 * must run — `everyProcess` (it acts on this process's sockets, documents or memory) or `once`
 * (it writes: notifications, counters). A transport then publishes to every process and calls
 * `deliver(events, { origin: false })` there; nothing in a subscriber changes.
 */
import pRetry from 'p-retry';
import type { Logger } from '../logger';
import type { DomainEvent, DomainEventName } from './types';

export type SubscriberScope = 'everyProcess' | 'once';

export interface Subscriber<N extends DomainEventName = DomainEventName> {
  /** For logs: which consequence failed. */
  name: string;
  scope: SubscriberScope;
  events: readonly N[];
  handle(event: DomainEvent<N>): Promise<void> | void;
}

/** Declares a subscriber with its event names typed from the list. */
export function subscriber<N extends DomainEventName>(s: Subscriber<N>): Subscriber<N> {
  return s;
}

export class EventBus {
  private readonly subscribers: Subscriber[] = [];
  /** Sends published events to the other processes (server/events/redisTransport.ts), if any. */
  private transport: ((events: readonly DomainEvent[]) => void) | null = null;

  constructor(
    private readonly log: Logger,
    /** Retries of a failing subscriber (transient database errors) before it is logged and skipped. */
    private readonly retries = 2,
  ) {}

  subscribe<N extends DomainEventName>(s: Subscriber<N>): void {
    this.subscribers.push(s as unknown as Subscriber);
  }

  setTransport(send: ((events: readonly DomainEvent[]) => void) | null): void {
    this.transport = send;
  }

  /**
   * Runs every subscriber of each event here, in order (a failing one is retried, then logged;
   * the others still run), and hands the events to the other processes.
   */
  async publish(events: readonly DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    this.transport?.(events);
    await this.deliver(events, { origin: true });
  }

  async deliver(events: readonly DomainEvent[], opts: { origin: boolean }): Promise<void> {
    for (const e of events) {
      for (const s of this.subscribers) {
        if (!s.events.includes(e.name) || (s.scope === 'once' && !opts.origin)) continue;
        try {
          await pRetry(() => s.handle(e), { retries: this.retries, minTimeout: 50, factor: 4 });
        } catch (err) {
          this.log.error({ err, event: e.name, subscriber: s.name }, 'event subscriber failed');
        }
      }
    }
  }
}
