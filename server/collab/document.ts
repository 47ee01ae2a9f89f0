/**
 * One collaborative document in memory: the Y.Doc, its presence, and the open connections.
 * Every change is encoded once and sent to every connection (the sender too, which is how the
 * y-websocket reference server behaves; Yjs ignores what it already has).
 *
 * Cold start: the registry hands a document out as soon as its stored state is read (snapshot and
 * buckets as stored), before that history is applied to `doc` — applying 100k edits costs far
 * more than reading them. Until then `doc` stays empty and untouched: a fresh client is answered
 * from the stored updates, and everything else that needs the document (a client's update, a
 * known state vector, the server's own step 1) is held and run in arrival order right after the
 * apply. The apply is lazy: it runs when something needs the document (a held frame, a
 * server-side read or edit, the unload), so a client that only reads never waits for it, nor
 * shares the CPU with it. It blocks the thread, so it starts only once the first-sync replies in
 * flight are written.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { awarenessMessage, updateMessage } from './protocol';
import { runChangeHooks, type Extension } from './hooks';

/** The part of a connection a document needs: send bytes, and which presence ids it owns. */
export interface Peer {
  send(message: Uint8Array): void;
  /** Closes the connection (the document could not be loaded). */
  close(code: number, reason: string): void;
  readonly clientIds: Set<number>;
  /** The authenticated user behind the connection. */
  readonly userId: string;
}

export class SharedDocument {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Set<Peer>();
  /** Set when the idle timer or shutdown started unloading it: no new connections attach. */
  unloading = false;
  lastActive = Date.now();
  /** The stored updates while `doc` does not hold them yet; null once applied. */
  private stored: readonly Uint8Array[] | null = null;
  private fill: (() => Promise<void>) | null = null;
  private filling: Promise<void> | null = null;
  /** Work that needs the applied document, in arrival order. */
  private held: (() => void)[] = [];
  private replying = 0;
  /** Something held needs the applied document (not only the server's step 1). */
  private wanted = false;
  private scheduled = false;

  constructor(
    readonly name: string,
    private readonly extensions: readonly Extension[],
  ) {
    this.awareness.setLocalState(null); // the server has no caret
    this.doc.on('update', this.onUpdate);
    this.awareness.on('update', this.onAwareness);
  }

  /** True once `doc` holds the stored history (always, unless the registry deferred it). */
  get loaded(): boolean {
    return this.stored === null;
  }

  /** The registry's cold start: `updates` are what storage holds; `fill` applies them to `doc`. */
  deferLoad(updates: readonly Uint8Array[], fill: () => Promise<void>): void {
    this.stored = updates;
    this.fill = fill;
  }

  /** What a fresh client is answered with while the history is not applied yet, else null. */
  storedState(): readonly Uint8Array[] | null {
    return this.stored;
  }

  /**
   * Runs `work` now if the history is applied, else right after the apply (in arrival order).
   * `needsLoad` false holds it without asking for the apply (the server's step 1 to a new
   * connection: a fresh client needs nothing from it).
   */
  whenLoaded(work: () => void, needsLoad = true): void {
    if (this.loaded) return work();
    this.held.push(work);
    this.wanted ||= needsLoad;
    this.loadSoon();
  }

  /** Marks a first-sync reply as being written; the returned function is called once it is out. */
  replyStarted(): () => void {
    this.replying++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.replying--;
      this.loadSoon(); // if something asked for the apply meanwhile
    };
  }

  private loadSoon(): void {
    if (this.loaded || !this.wanted || this.scheduled || this.replying > 0) return;
    this.scheduled = true;
    setImmediate(() => void this.load().catch(() => undefined)); // load()'s caller reported why
  }

  /**
   * Applies the stored history now unless done (once): resolves when `doc` holds it and the held
   * work has run. If it fails, every connection is closed (1011) and it rejects.
   */
  load(): Promise<void> {
    if (!this.fill) return this.filling ?? Promise.resolve();
    const fill = this.fill;
    this.fill = null;
    this.filling = (async () => {
      try {
        await fill();
      } catch (err) {
        for (const peer of this.peers) peer.close(1011, 'internal');
        throw err;
      }
      this.stored = null;
      const held = this.held;
      this.held = [];
      for (const work of held) work();
    })();
    return this.filling;
  }

  private onUpdate = (update: Uint8Array, origin: unknown) => {
    this.lastActive = Date.now();
    // the history being applied: peers were answered from the stored state or wait for the doc
    if (!this.loaded) return runChangeHooks(this.extensions, { documentName: this.name, document: this.doc, update, origin });
    const message = updateMessage(update);
    for (const peer of this.peers) peer.send(message);
    runChangeHooks(this.extensions, { documentName: this.name, document: this.doc, update, origin });
  };

  private onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0) return;
    const message = awarenessMessage(this.awareness, changed);
    for (const peer of this.peers) peer.send(message);
  };

  /**
   * True when another user's connection speaks for presence id `clientId`. The same user
   * reconnecting (same Yjs client, a new socket while the old one is not yet known dead) takes
   * the id over, so the stale socket's eventual close does not remove the live caret.
   */
  ownedElsewhere(peer: Peer, clientId: number): boolean {
    for (const p of this.peers) {
      if (p === peer || !p.clientIds.has(clientId)) continue;
      if (p.userId !== peer.userId) return true;
      p.clientIds.delete(clientId);
    }
    return false;
  }

  /** Drops a connection and the presence it introduced (its carets vanish for the others). */
  detach(peer: Peer): void {
    if (!this.peers.delete(peer)) return;
    this.lastActive = Date.now();
    if (peer.clientIds.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.clientIds], null);
  }

  destroy(): void {
    this.doc.off('update', this.onUpdate);
    this.awareness.off('update', this.onAwareness);
    this.awareness.destroy(); // stops its renewal timer, or the process never exits
    this.doc.destroy();
  }
}
