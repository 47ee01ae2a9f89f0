/**
 * The documents in memory. A document is read from storage once (concurrent opens share the
 * read). `openForSync` (connections) resolves as soon as the stored state is known, the history
 * not yet applied to the Y.Doc (see SharedDocument: nothing is answered from or applied to the
 * empty doc); `open` and `use` (server-side reads and edits) resolve only once it is applied.
 * A document with no connection for `idleMs` is stored (final flush) and leaves memory; an open
 * during that unload waits for the flush and loads afresh, so nothing written is missed.
 */
import type { Logger } from '../logger';
import { SharedDocument } from './document';
import { runHooks, type Extension, type FetchPayload } from './hooks';

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

  /** The document with its history applied to `doc`. */
  async open(name: string): Promise<SharedDocument> {
    const shared = await this.openForSync(name);
    await shared.load();
    return shared.unloading ? this.open(name) : shared;
  }

  /** The document once its stored state is known; its history may not be applied yet. */
  async openForSync(name: string): Promise<SharedDocument> {
    await this.unloading.get(name);
    let loading = this.docs.get(name);
    if (!loading) {
      loading = this.load(name);
      this.docs.set(name, loading);
      loading.catch(() => this.docs.delete(name));
    }
    const shared = await loading;
    shared.lastActive = Date.now();
    return shared.unloading ? this.openForSync(name) : shared;
  }

  private async load(name: string): Promise<SharedDocument> {
    const shared = new SharedDocument(name, this.extensions);
    try {
      const fetched: FetchPayload = { documentName: name, updates: [] };
      await runHooks(this.extensions, 'onFetchDocument', fetched);
      shared.deferLoad(fetched.updates, () => this.fill(name, shared));
    } catch (err) {
      shared.destroy();
      throw err;
    }
    return shared;
  }

  /** Applies the fetched history (the onLoadDocument hooks); on failure the document is dropped. */
  private async fill(name: string, shared: SharedDocument): Promise<void> {
    try {
      await runHooks(this.extensions, 'onLoadDocument', { documentName: name, document: shared.doc });
    } catch (err) {
      this.log.error({ err, doc: name }, 'collab: applying the stored state failed');
      if ((await this.docs.get(name)?.catch(() => null)) === shared) this.docs.delete(name);
      shared.unloading = true; // connections still attaching retry with a fresh load
      setImmediate(() => shared.destroy()); // after its connections were closed
      throw err;
    }
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
      // changes held for it (maybe from connections closed since) are applied and stored too
      if (!(await shared.load().then(() => true, () => false))) return; // fill() dropped it, logged why
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
