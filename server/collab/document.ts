/**
 * One collaborative document in memory: the Y.Doc, its presence, and the open connections.
 * Every change is encoded once and sent to every connection (the sender too, which is how the
 * y-websocket reference server behaves; Yjs ignores what it already has).
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { awarenessMessage, updateMessage } from './protocol';
import { runChangeHooks, type Extension } from './hooks';

/** The part of a connection a document needs: send bytes, and which presence ids it owns. */
export interface Peer {
  send(message: Uint8Array): void;
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

  constructor(
    readonly name: string,
    private readonly extensions: readonly Extension[],
  ) {
    this.awareness.setLocalState(null); // the server has no caret
    this.doc.on('update', this.onUpdate);
    this.awareness.on('update', this.onAwareness);
  }

  private onUpdate = (update: Uint8Array, origin: unknown) => {
    this.lastActive = Date.now();
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
