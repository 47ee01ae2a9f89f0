/**
 * Requests nobody suitable could take yet, served by urgency (urgent first) then age. Small
 * (a waiting line of people), so a sorted array is enough; positions are reported 1-based.
 */
import { URGENCIES } from '../../shared/schemas/advice';
import type { LiveRequest } from './live';

const rank = (r: LiveRequest) => URGENCIES.indexOf(r.urgency);

export class RequestQueue {
  private items: LiveRequest[] = [];
  /** Last position each founder was told, so only changed positions are re-sent. */
  private told = new Map<string, number>();

  get length(): number {
    return this.items.length;
  }

  has(id: string): boolean {
    return this.items.some((r) => r.id === id);
  }

  add(live: LiveRequest): void {
    if (this.has(live.id)) return;
    this.items.push(live);
    this.items.sort((a, b) => rank(b) - rank(a) || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  }

  remove(id: string): boolean {
    const before = this.items.length;
    this.items = this.items.filter((r) => r.id !== id);
    this.told.delete(id);
    return this.items.length !== before;
  }

  /** A snapshot in serving order (safe to iterate while dispatching). */
  ordered(): LiveRequest[] {
    return [...this.items];
  }

  position(id: string): number | null {
    const i = this.items.findIndex((r) => r.id === id);
    return i < 0 ? null : i + 1;
  }

  /** Requests whose position differs from what their founder last heard; marks them told. */
  changedPositions(): LiveRequest[] {
    const changed: LiveRequest[] = [];
    this.items.forEach((r, i) => {
      if (this.told.get(r.id) !== i + 1) {
        this.told.set(r.id, i + 1);
        changed.push(r);
      }
    });
    return changed;
  }
}

/**
 * Seconds until a queued request is likely served: the requests ahead of it (and itself) share
 * the online seats, each seat freeing after an average session. Null when nobody is online.
 */
export function estimateWait(position: number, onlineSeats: number, avgSessionSeconds: number): number | null {
  if (onlineSeats <= 0) return null;
  return Math.round(Math.ceil(position / onlineSeats) * avgSessionSeconds);
}
