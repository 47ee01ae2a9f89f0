/**
 * Durable storage as an extension. Changes are queued per document and written as one merged
 * bucket when the oldest queued change is `maxWaitMs` old, or at once when `maxUpdates` changes
 * or `maxBytes` are queued — so anything received more than maxWaitMs (+ one write) before a
 * crash is on disk. Writes of one document run one after another (a promise chain), and a
 * failed write puts its batch back and is retried with backoff (p-retry, each failure logged)
 * while the document is loaded; changes arriving meanwhile join the retried batch. Past
 * `compactAfterBuckets` buckets (or when the buckets outweigh the snapshot) the log is compacted
 * into a new snapshot of the merged state.
 */
import pRetry from 'p-retry';
import * as Y from 'yjs';
import type { Logger } from '../logger';
import type { ChangePayload, DocumentPayload, Extension, FetchPayload } from './hooks';
import { appendBucket, applyLoaded, loadState, writeSnapshot, type LoadedState } from './store';

/** The origin of changes applied while loading: they are already stored. */
export const LOAD_ORIGIN = Symbol('collab-load');

export interface PersistenceOptions {
  maxWaitMs: number;
  maxUpdates: number;
  maxBytes: number;
  compactAfterBuckets: number;
  /** Compact on unload when at least this many buckets follow the snapshot. */
  compactOnUnloadBuckets: number;
}

export const DEFAULT_PERSISTENCE: PersistenceOptions = { maxWaitMs: 150, maxUpdates: 300, maxBytes: 1 << 20, compactAfterBuckets: 100, compactOnUnloadBuckets: 8 };

interface DocLog {
  doc: Y.Doc;
  pending: Uint8Array[];
  pendingBytes: number;
  timer: NodeJS.Timeout | null;
  chain: Promise<void>;
  failed: boolean;
  /** Set while failed writes are being retried; aborted when the document leaves memory. */
  retry: AbortController | null;
  gen: number;
  nextSeq: number;
  bucketCount: number;
  bucketBytes: number;
  snapshotBytes: number;
}

export class Persistence implements Extension {
  private readonly logs = new Map<string, DocLog>();
  /** Fetched, not yet applied: onLoadDocument applies it (the registry always runs it next). */
  private readonly fetched = new Map<string, LoadedState>();

  constructor(
    private readonly log: Logger,
    private readonly opts: PersistenceOptions = DEFAULT_PERSISTENCE,
  ) {}

  /**
   * Reads the snapshot and buckets as they are stored. Not merged: `Y.mergeUpdates` re-encodes
   * every struct (80 ms for a 100k-edit snapshot plus one small bucket), nearly an apply's cost.
   */
  async onFetchDocument(payload: FetchPayload): Promise<void> {
    const loaded = await loadState(payload.documentName);
    this.fetched.set(payload.documentName, loaded);
    payload.updates = loaded.updates;
  }

  async onLoadDocument({ documentName, document }: DocumentPayload): Promise<void> {
    const loaded = this.fetched.get(documentName) ?? (await loadState(documentName));
    this.fetched.delete(documentName);
    applyLoaded(document, loaded, LOAD_ORIGIN);
    const { gen, nextSeq, bucketCount, bucketBytes, snapshotBytes } = loaded;
    this.logs.set(documentName, { doc: document, pending: [], pendingBytes: 0, timer: null, chain: Promise.resolve(), failed: false, retry: null, gen, nextSeq, bucketCount, bucketBytes, snapshotBytes });
  }

  onChange({ documentName, update, origin }: ChangePayload): void {
    const log = this.logs.get(documentName);
    if (!log || origin === LOAD_ORIGIN) return;
    log.pending.push(update);
    log.pendingBytes += update.byteLength;
    if (log.pending.length >= this.opts.maxUpdates || log.pendingBytes >= this.opts.maxBytes) this.persist(documentName, log);
    else log.timer ??= setTimeout(() => this.persist(documentName, log), this.opts.maxWaitMs);
  }

  /**
   * Writes what is queued in the background, retried with backoff until stored or the document
   * is unloaded. While a retry is pending, new changes join the queue it writes next.
   */
  private persist(name: string, log: DocLog): void {
    if (log.retry) return;
    const retry = (log.retry = new AbortController());
    void pRetry(
      async () => {
        await this.flush(name);
        if (log.failed) throw new Error(`collab: ${name} not stored`); // write() logged why
      },
      { retries: Infinity, minTimeout: 1000, factor: 2, maxTimeout: 30_000, randomize: true, unref: true, signal: retry.signal },
    )
      .catch(() => undefined) // ends only when aborted at unload; every failure was logged by write()
      .finally(() => {
        log.retry = null;
        if (log.pending.length > 0 && this.logs.get(name) === log) log.timer ??= setTimeout(() => this.persist(name, log), this.opts.maxWaitMs);
      });
  }

  /** Writes everything queued; rejects if the write failed (the batch stays queued for a retry). */
  async onStoreDocument({ documentName }: DocumentPayload): Promise<void> {
    await this.flush(documentName, this.opts.compactOnUnloadBuckets);
    if (this.logs.get(documentName)?.failed) throw new Error(`collab: could not store ${documentName}`);
  }

  async afterUnloadDocument({ documentName }: { documentName: string }): Promise<void> {
    const log = this.logs.get(documentName);
    if (log?.timer) clearTimeout(log.timer);
    log?.retry?.abort();
    this.logs.delete(documentName);
  }

  /** Queues a write of the pending batch behind any write in flight and resolves when it is done. */
  flush(documentName: string, compactAbove = this.opts.compactAfterBuckets): Promise<void> {
    const log = this.logs.get(documentName);
    if (!log) return Promise.resolve();
    if (log.timer) clearTimeout(log.timer);
    log.timer = null;
    log.chain = log.chain.then(() => this.write(documentName, log, compactAbove));
    return log.chain;
  }

  private async write(name: string, log: DocLog, compactAbove: number): Promise<void> {
    try {
      // Changes keep arriving while a write is in flight: write them in buckets of bounded size.
      while (log.pending.length) {
        const batch = this.take(log);
        try {
          const merged = batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch);
          log.nextSeq = (await appendBucket(name, log.nextSeq, merged, batch.length)) + 1;
          log.bucketCount++;
          log.bucketBytes += merged.byteLength;
        } catch (err) {
          log.pending = [...batch, ...log.pending];
          log.pendingBytes += batch.reduce((n, u) => n + u.byteLength, 0);
          throw err;
        }
      }
      const heavy = log.bucketBytes > 256 * 1024 && log.bucketBytes > log.snapshotBytes;
      if (log.bucketCount > 0 && (log.bucketCount >= compactAbove || heavy)) await this.compact(name, log);
      log.failed = false;
    } catch (err) {
      this.log.error({ err, doc: name }, 'collab: store failed; retrying');
      log.failed = true;
    }
  }

  /** The oldest queued changes up to `maxBytes` (at least one), removed from the queue. */
  private take(log: DocLog): Uint8Array[] {
    let bytes = 0;
    let n = 0;
    while (n < log.pending.length && (n === 0 || bytes + log.pending[n]!.byteLength <= this.opts.maxBytes)) bytes += log.pending[n++]!.byteLength;
    log.pendingBytes -= bytes;
    return log.pending.splice(0, n);
  }

  private async compact(name: string, log: DocLog): Promise<void> {
    // Everything before nextSeq is stored and is in the live doc; changes queued since are in the
    // live doc too and will also land in a later bucket — applying them twice is harmless in Yjs.
    const state = Y.encodeStateAsUpdate(log.doc);
    await writeSnapshot(name, { state, gen: log.gen, fromSeq: log.nextSeq });
    log.gen++;
    log.bucketCount = 0;
    log.bucketBytes = 0;
    log.snapshotBytes = state.byteLength;
  }
}
