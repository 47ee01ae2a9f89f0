/**
 * The y-websocket wire protocol, as the y-websocket client speaks it. Every binary message
 * starts with a varUint message type:
 *   0 sync       — y-protocols/sync: step 1 (a state vector), step 2 (the updates the other side
 *                  lacks), update (a change); the server answers step 1 with step 2 and sends its
 *                  own step 1 on connect so both sides converge.
 *   1 awareness  — y-protocols/awareness: presence states (caret, user) by Yjs client id.
 *   3 queryAwareness — asks for every current presence state.
 * Type 2 (auth) is not used: refusals are WebSocket close codes from shared/errors.ts.
 * A fresh client (empty state vector in step 1) may be answered with the stored updates as they
 * are, before the server's own document holds them: sync updates, then a step 2 (see below).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;

export const SYNC_STEP1 = syncProtocol.messageYjsSyncStep1;
export const SYNC_STEP2 = syncProtocol.messageYjsSyncStep2;
export const SYNC_UPDATE = syncProtocol.messageYjsUpdate;

/** A sync update message carrying `update`. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

/** The server's sync step 1 (its state vector), sent on connect. */
export function syncStep1Message(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(e, doc);
  return encoding.toUint8Array(e);
}

/** Sync step 2: what `doc` has beyond the peer's state vector. */
export function syncStep2Message(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(e, doc, stateVector);
  return encoding.toUint8Array(e);
}

const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

/**
 * A fresh client's first sync answered from stored updates as they are (merging them would cost
 * nearly an apply): all but the last as sync updates, in storage order, then the last as step 2 —
 * the client counts as synced on step 2, by when it has applied everything before it.
 */
export function firstSyncFromStorage(updates: readonly Uint8Array[]): Uint8Array[] {
  const last = updates.length ? updates[updates.length - 1]! : EMPTY_UPDATE;
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, SYNC_STEP2);
  encoding.writeVarUint8Array(e, last);
  return [...updates.slice(0, -1).map(updateMessage), encoding.toUint8Array(e)];
}

/** True for a sync message (the only kind that touches the document). */
export function isSyncMessage(message: Uint8Array): boolean {
  return message.length > 0 && message[0] === MESSAGE_SYNC; // a varUint below 128 is one byte
}

/** True for a sync step 1 with an empty state vector: a client that holds nothing yet. */
export function isFreshSyncStep1(message: Uint8Array): boolean {
  try {
    const d = decoding.createDecoder(message);
    if (decoding.readVarUint(d) !== MESSAGE_SYNC || decoding.readVarUint(d) !== SYNC_STEP1) return false;
    return Y.decodeStateVector(decoding.readVarUint8Array(d)).size === 0;
  } catch {
    return false; // malformed: the normal path refuses it
  }
}

/** An awareness message with the states of `clients`. */
export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(e);
}
