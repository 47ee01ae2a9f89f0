/**
 * Group commit: callers add work and get a promise; work added while a flush is in flight waits
 * and goes out together in the next flush, which starts the moment the previous one returns
 * (the first flush after a quiet spell starts at the end of the current I/O turn). On
 * the one FerretDB connection a burst then shares a few round trips instead of queueing one per
 * caller, and a quiet server still writes at once (a flush of one).
 *
 * The flush function settles each item on its own (`settle(i, …)`), so one failed item (a
 * duplicate `_id`, a bad document) never fails the others; items it leaves unsettled, or all of
 * them when it throws, are rejected.
 */
export type Settle<R> = (i: number, outcome: { value: R } | { error: unknown }) => void;

interface Waiting<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (err: unknown) => void;
  settled: boolean;
}

export class GroupCommit<T, R> {
  private queue: Waiting<T, R>[] = [];
  private running: Promise<void> | null = null;
  /** Items written and flushes run (for tests and the benchmark). */
  readonly stats = { items: 0, flushes: 0 };

  constructor(
    private readonly flush: (items: T[], settle: Settle<R>) => Promise<void>,
    private readonly maxBatch = 1000,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject, settled: false });
      // the first item of a quiet spell waits for the rest of this I/O turn (setImmediate), so
      // requests read from the sockets together share one flush instead of one and then the rest
      this.running ??= new Promise<void>((r) => setImmediate(r)).then(() => this.run());
    });
  }

  /** Resolves once everything added so far is written (or failed). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async run(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        const settle: Settle<R> = (i, outcome) => {
          const w = batch[i];
          if (!w || w.settled) return;
          w.settled = true;
          if ('value' in outcome) w.resolve(outcome.value);
          else w.reject(outcome.error);
        };
        let failure: unknown = new Error('group commit: item left unsettled');
        try {
          await this.flush(
            batch.map((w) => w.item),
            settle,
          );
        } catch (err) {
          failure = err;
        }
        this.stats.items += batch.length;
        this.stats.flushes++;
        for (let i = 0; i < batch.length; i++) settle(i, { error: failure });
      }
    } finally {
      this.running = null;
    }
  }
}
