/**
 * The documents in memory. `open` loads a document once (concurrent opens share the load) and
 * resolves only after its stored state is in, so no client ever syncs against an empty doc.
 * A document with no connection for `idleMs` is stored (final flush) and leaves memory; an open
 * during that unload waits for the flush and loads afresh, so nothing written is missed.
 */
import type { Logger } from '../logger';
import { SharedDocument } from './document';
import { runHooks, type Extension } from './hooks';

export class DocumentRegistry {
  private readonly docs = new Map<string, Promise<SharedDocument>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly extensions: readonly Extension[],
    private readonly log: Logger,
    /** Writable so tests and the benchmark can shorten it. */
    public idleMs = 30_000,
  ) {
    this.sweeper = setInterval(() => void this.sweep(), 1_000);
    this.sweeper.unref();
  }

  /** Names of the documents in memory now. */
  loadedNames(): string[] {
    return [...this.docs.keys()];
  }

  async open(name: string): Promise<SharedDocument> {
    await this.unloading.get(name);
    let loading = this.docs.get(name);
    if (!loading) {
      loading = this.load(name);
      this.docs.set(name, loading);
      loading.catch(() => this.docs.delete(name));
    }
    const shared = await loading;
    shared.lastActive = Date.now();
    return shared.unloading ? this.open(name) : shared;
  }

  private async load(name: string): Promise<SharedDocument> {
    const shared = new SharedDocument(name, this.extensions);
    try {
      await runHooks(this.extensions, 'onLoadDocument', { documentName: name, document: shared.doc });
    } catch (err) {
      shared.destroy();
      throw err;
    }
    return shared;
  }

  /** Loads `name`, runs `fn` on it as a server-side edit, and lets it idle out afterwards. */
  async use<T>(name: string, fn: (shared: SharedDocument) => T | Promise<T>): Promise<T> {
    const shared = await this.open(name);
    try {
      return await fn(shared);
    } finally {
      shared.lastActive = Date.now();
    }
  }

  private async sweep(now = Date.now()): Promise<void> {
    for (const [name, loading] of this.docs) {
      const shared = await loading.catch(() => null);
      if (shared && !shared.unloading && shared.peers.size === 0 && now - shared.lastActive >= this.idleMs) await this.unload(name, shared);
    }
  }

  /** Stores and drops one document; if storing fails it stays in memory and is retried later. */
  private async unload(name: string, shared: SharedDocument): Promise<void> {
    shared.unloading = true;
    const done = (async () => {
      try {
        await runHooks(this.extensions, 'onStoreDocument', { documentName: name, document: shared.doc });
      } catch (err) {
        this.log.error({ err, doc: name }, 'collab: final store failed; keeping the document');
        shared.unloading = false;
        shared.lastActive = Date.now();
        return;
      }
      this.docs.delete(name);
      await runHooks(this.extensions, 'afterUnloadDocument', { documentName: name });
      shared.destroy();
    })();
    this.unloading.set(name, done);
    await done;
    this.unloading.delete(name);
  }

  /** Shutdown: store every document (connections are closed by the caller first). */
  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    for (const [name, loading] of [...this.docs]) {
      const shared = await loading.catch(() => null);
      if (shared) await this.unload(name, shared);
    }
  }
}
