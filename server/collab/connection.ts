/**
 * One WebSocket on one document. Incoming frames are decoded defensively: a frame that is not a
 * well-formed y-websocket message, or a Yjs update that does not decode, closes this connection
 * only (close code from shared/errors.ts) and is never applied, so the stored document stays
 * intact. Updates are validated by decoding them completely (`Y.decodeUpdate`) before
 * `Y.applyUpdate` touches the live document.
 *
 * On a cold document (history not yet applied, see SharedDocument) a fresh client's sync step 1
 * is answered at once from the stored state and presence is handled as usual; every other sync
 * frame, and the server's own step 1, is held and handled right after the apply in arrival order
 * — unless the connection was revoked meanwhile.
 */
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { WebSocket } from 'ws';
import { ERROR_TABLE } from '../../shared/errors';
import type { Logger } from '../logger';
import type { ConnectionContext } from './hooks';
import type { Peer, SharedDocument } from './document';
import {
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
  awarenessMessage,
  firstSyncFromStorage,
  isFreshSyncStep1,
  isSyncMessage,
  syncStep1Message,
  syncStep2Message,
} from './protocol';
import { stampPresence } from './presence';

/** Why a frame was refused (logged; the client sees the close code). */
class BadFrame extends Error {}

export class Connection implements Peer {
  readonly clientIds = new Set<number>();
  readonly userId: string;
  private alive = true;
  /** Set when the connection's rights were taken away: nothing it sends is applied any more. */
  private revoked = false;

  constructor(
    readonly ws: WebSocket,
    readonly shared: SharedDocument,
    readonly context: ConnectionContext,
    private readonly log: Logger,
  ) {
    this.userId = context.user.id;
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: Buffer, isBinary: boolean) => this.receive(data, isBinary));
    ws.on('pong', () => (this.alive = true));
    // ws reports protocol violations (oversized frame → 1009, bad opcode) as 'error' and closes;
    // unhandled, that event would crash the process.
    ws.on('error', (err) => this.log.warn({ err: err.message, doc: shared.name }, 'collab: socket error'));
    shared.peers.add(this);
    // the server's step 1 asks for what the client holds (offline edits): it needs the applied doc
    shared.whenLoaded(() => this.send(syncStep1Message(shared.doc)), false);
    const present = [...shared.awareness.getStates().keys()];
    if (present.length) this.send(awarenessMessage(shared.awareness, present));
  }

  /** Sends `message`; `written` runs once it is handed to the socket (or could not be). */
  send(message: Uint8Array, written?: () => void): void {
    if (this.ws.readyState !== WebSocket.OPEN) return written?.();
    this.ws.send(message, (err) => {
      written?.();
      if (err) this.ws.terminate();
    });
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  /**
   * Takes the connection's rights away at once (session ended, removed from the team, account
   * disabled): frames still in flight are dropped unapplied, and it closes with `closeCode`.
   */
  revoke(closeCode: number, reason: string): void {
    this.revoked = true;
    this.ws.close(closeCode, reason);
  }

  /** Called by the heartbeat: a connection that missed a pong is dropped (half-open TCP). */
  heartbeat(): void {
    if (!this.alive) return void this.ws.terminate();
    this.alive = false;
    this.ws.ping();
  }

  private receive(data: Buffer, isBinary: boolean): void {
    if (this.revoked) return;
    // A view, not a copy: lib0 (≥ 0.2.1xx) bounds-checks nested arrays against the view, so a
    // lying length prefix throws instead of reading the pooled buffer around it (fuzz test).
    const message = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    // presence (and any refusal) never needs the document: only sync frames wait for its history
    if (this.shared.loaded || !isBinary || !isSyncMessage(message)) return this.handleFrame(message, isBinary);
    if (this.answerFromStorage(message)) return;
    const held = message.slice(); // held past this event: a copy of our own, whatever ws does with its buffers
    this.shared.whenLoaded(() => this.handleFrame(held, isBinary));
  }

  /** A fresh client on a cold document is answered from the stored updates at once. */
  private answerFromStorage(message: Uint8Array): boolean {
    const stored = this.shared.storedState();
    if (!stored || !isFreshSyncStep1(message)) return false;
    const messages = firstSyncFromStorage(stored);
    const written = this.shared.replyStarted(); // ws writes in order: the last one out means all
    messages.forEach((m, i) => this.send(m, i === messages.length - 1 ? written : undefined));
    return true;
  }

  private handleFrame(message: Uint8Array, isBinary: boolean): void {
    if (this.revoked) return; // held frames of a connection revoked meanwhile are dropped
    try {
      if (!isBinary) throw new BadFrame('text frame');
      this.handle(message);
    } catch (err) {
      this.log.warn({ err: (err as Error).message, doc: this.shared.name, user: this.context.user.id }, 'collab: malformed frame, closing');
      this.ws.close(ERROR_TABLE.bad_request.close, 'malformed message');
    }
  }

  private handle(message: Uint8Array): void {
    const d = decoding.createDecoder(message);
    const type = decoding.readVarUint(d);
    if (type === MESSAGE_SYNC) return this.handleSync(d);
    if (type === MESSAGE_AWARENESS) {
      const stamped = stampPresence(decoding.readVarUint8Array(d), this.context.user, this.clientIds, (id) => this.shared.ownedElsewhere(this, id));
      if (stamped) awarenessProtocol.applyAwarenessUpdate(this.shared.awareness, stamped, this);
      return;
    }
    if (type === MESSAGE_QUERY_AWARENESS) {
      return this.send(awarenessMessage(this.shared.awareness, [...this.shared.awareness.getStates().keys()]));
    }
    throw new BadFrame(`unknown message type ${type}`);
  }

  private handleSync(d: decoding.Decoder): void {
    const kind = decoding.readVarUint(d);
    if (kind === SYNC_STEP1) {
      const stateVector = decoding.readVarUint8Array(d);
      Y.decodeStateVector(stateVector); // throws on garbage before we encode a diff against it
      return this.send(syncStep2Message(this.shared.doc, stateVector));
    }
    if (kind !== SYNC_STEP2 && kind !== SYNC_UPDATE) throw new BadFrame(`unknown sync message ${kind}`);
    const update = decoding.readVarUint8Array(d);
    if (this.context.readOnly) return; // read-only viewers may sync down, never up
    Y.decodeUpdate(update); // full decode: a truncated or random update throws here, unapplied
    Y.applyUpdate(this.shared.doc, update, this);
  }
}
