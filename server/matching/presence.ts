/**
 * Advisor presence: online only while at least one of their sockets is connected. When the last
 * one drops, they stay online for a grace period (a page reload, a flaky network), then turn
 * away (no offers), then offline (out of the index). A reconnect within either period restores
 * the status they had chosen.
 */
import type { Presence } from '../../shared/schemas/advice';

export interface PresenceSettings {
  graceMs: number;
  awayMs: number;
}

interface Tracked {
  sockets: Set<string>;
  chosen: Presence;
  timer: ReturnType<typeof setTimeout> | null;
}

export class PresenceTracker {
  private readonly users = new Map<string, Tracked>();

  constructor(
    private readonly settings: PresenceSettings,
    private readonly apply: (userId: string, status: Presence) => void,
  ) {}

  /** Records the status the advisor chose on this socket (the caller applies it). */
  choose(userId: string, socketId: string, status: Presence): void {
    const t = this.track(userId);
    t.sockets.add(socketId);
    t.chosen = status;
    this.clear(t);
    if (status === 'offline') this.users.delete(userId);
  }

  /** A socket of a tracked advisor connected again: cancel the countdown and restore the choice. */
  connected(userId: string, socketId: string): void {
    const t = this.users.get(userId);
    if (!t) return;
    const wasDropped = t.sockets.size === 0;
    t.sockets.add(socketId);
    if (wasDropped) {
      this.clear(t);
      this.apply(userId, t.chosen);
    }
  }

  disconnected(userId: string, socketId: string): void {
    const t = this.users.get(userId);
    if (!t || !t.sockets.delete(socketId) || t.sockets.size > 0) return;
    this.clear(t);
    t.timer = setTimeout(() => {
      this.apply(userId, 'away');
      t.timer = setTimeout(() => {
        this.users.delete(userId);
        this.apply(userId, 'offline');
      }, this.settings.awayMs);
      t.timer.unref?.();
    }, this.settings.graceMs);
    t.timer.unref?.();
  }

  isTracked(userId: string): boolean {
    return this.users.has(userId);
  }

  stop(): void {
    for (const t of this.users.values()) this.clear(t);
    this.users.clear();
  }

  private track(userId: string): Tracked {
    let t = this.users.get(userId);
    if (!t) this.users.set(userId, (t = { sockets: new Set(), chosen: 'offline', timer: null }));
    return t;
  }

  private clear(t: Tracked): void {
    if (t.timer) clearTimeout(t.timer);
    t.timer = null;
  }
}
