import type { AppContext } from '../../context';
import { Challenge } from '../../models/Challenge';
import { event } from '../../events/types';
import { expireDueChallenges } from './transitionChallenge';

const MAX_WAIT_MS = 30_000;

/**
 * Moves open challenges to reviewing at their deadline. It runs at start (catching deadlines
 * that passed while the server was down), then sleeps until the nearest deadline (at most
 * 30 s, so a deadline set by another process is not missed); `poke()` re-plans after an edit.
 * The move itself is a guarded update, so two processes never both announce it.
 */
export class DeadlineScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly ctx: AppContext) {}

  start(): Promise<void> {
    return this.run();
  }

  poke(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else void this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private run(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.running = this.tick()
      .catch((err: unknown) => this.ctx.log.warn({ err }, 'deadline sweep failed'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.poke();
        }
      });
    return this.running;
  }

  private async tick(): Promise<void> {
    for (const c of await expireDueChallenges()) {
      this.ctx.log.info({ challengeId: c.id }, 'deadline reached: reviewing');
      await this.ctx.bus.publish([event('challenge.statusChanged', { challengeId: c.id as string, from: 'open', to: 'reviewing', actorId: null })]);
    }
    if (this.stopped) return;
    const next = await Challenge.findOne({ status: 'open' }, { deadline: 1 }).sort({ deadline: 1 }).lean();
    const wait = next ? Math.min(Math.max(next.deadline.getTime() - Date.now() + 20, 20), MAX_WAIT_MS) : MAX_WAIT_MS;
    this.timer = setTimeout(() => this.poke(), wait);
    this.timer.unref();
  }
}
