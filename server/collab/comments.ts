/**
 * Comment authorship, enforced on the incoming Yjs updates. Threads live in the document (see
 * shared/schemas/comment.ts) and clients write them, so a client could claim any author or change
 * anyone's comment. This extension observes the comments map only (text edits never reach it).
 * After each transaction a connection made there, it asks server/collab/commentRules.ts what every
 * touched thread must be given its last accepted snapshot, and writes back whatever differs (junk
 * that is not a thread or a reply included) in a server transaction. The refused change is still
 * relayed and stored, immediately followed by the repair, so every client and the stored document
 * end on the repaired state.
 *
 * Why a snapshot: a deleted thread's Y.Map is emptied by Yjs before observers run, so the only
 * way to restore it is a plain copy kept from before. The copy is refreshed after every
 * transaction that touches comments, whatever its origin (loading, server edits, repairs).
 */
import { isDeepStrictEqual } from 'node:util';
import * as Y from 'yjs';
import { COMMENTS_FIELD } from '../../shared/schemas/workspace';
import { decideThread, type ThreadSnapshot } from './commentRules';
import { Connection } from './connection';
import type { DocumentPayload, Extension } from './hooks';

/** The origin of the server's repairs (persisted and broadcast like any edit). */
export const COMMENT_REPAIR_ORIGIN = Symbol('collab-comment-repair');
const REPLIES = 'replies';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Y.AbstractType) && !(v instanceof Uint8Array);

/** A thread as plain values, or undefined when the entry is not a thread a client would show. */
function readThread(value: unknown): ThreadSnapshot | undefined {
  if (!(value instanceof Y.Map)) return undefined;
  const snapshot: ThreadSnapshot = { fields: new Map(), replies: new Map() };
  value.forEach((v: unknown, key: string) => {
    if (key !== REPLIES && !(v instanceof Y.AbstractType)) snapshot.fields.set(key, v);
  });
  const replies: unknown = value.get(REPLIES);
  if (replies instanceof Y.Map) replies.forEach((r: unknown, id: string) => isRecord(r) && snapshot.replies.set(id, r));
  return snapshot;
}

/** Makes `map` hold exactly `want` (the key `keep` is left alone), writing only what differs. */
function syncMap(map: Y.Map<unknown>, want: Map<string, unknown>, keep?: string): void {
  for (const key of [...map.keys()]) if (key !== keep && !want.has(key)) map.delete(key);
  for (const [key, value] of want) if (!isDeepStrictEqual(map.get(key), value)) map.set(key, value);
}

/** Writes the decided thread into the document (inside the caller's transaction). */
function writeThread(comments: Y.Map<unknown>, id: string, want: ThreadSnapshot | undefined): void {
  const current: unknown = comments.get(id);
  if (!want) return void (comments.has(id) && comments.delete(id));
  const thread = current instanceof Y.Map ? (current as Y.Map<unknown>) : new Y.Map<unknown>();
  if (thread !== current) comments.set(id, thread);
  syncMap(thread, want.fields, REPLIES);
  let replies: unknown = thread.get(REPLIES);
  if (!(replies instanceof Y.Map)) thread.set(REPLIES, (replies = new Y.Map<unknown>()));
  syncMap(replies as Y.Map<unknown>, want.replies);
}

/**
 * Thread ids a batch of events touched (changed keys of the map itself, or the first path step),
 * each with whether its entry was replaced by another value.
 */
function touchedThreads(comments: Y.Map<unknown>, events: Y.YEvent<Y.AbstractType<unknown>>[]): Map<string, boolean> {
  const ids = new Map<string, boolean>();
  for (const ev of events) {
    if (ev.target === comments) for (const [key, change] of ev.keys) ids.set(key, change.action === 'update');
    else if (typeof ev.path[0] === 'string' && !ids.has(ev.path[0])) ids.set(ev.path[0], false);
  }
  return ids;
}

/** Watches one document's comments for as long as it is in memory. */
function guard(document: Y.Doc): void {
  const comments = document.getMap<unknown>(COMMENTS_FIELD);
  const accepted = new Map<string, ThreadSnapshot>();
  const remember = (id: string, thread: ThreadSnapshot | undefined) => (thread ? accepted.set(id, thread) : accepted.delete(id));
  comments.forEach((value, id) => remember(id, readThread(value)));

  comments.observeDeep((events, tx) => {
    const ids = touchedThreads(comments, events);
    if (!(tx.origin instanceof Connection)) return ids.forEach((_, id) => remember(id, readThread(comments.get(id))));
    const actor = tx.origin.context.user;
    const decided = [...ids].map(([id, replaced]) => [id, decideThread(accepted.get(id), readThread(comments.get(id)), actor, replaced)] as const);
    decided.forEach(([id, want]) => remember(id, want));
    // Runs as the next transaction, after this one's update went out, so clients receive the
    // repair. It writes only what differs: when the change was accepted it is empty (no update).
    document.transact(() => decided.forEach(([id, want]) => writeThread(comments, id, want)), COMMENT_REPAIR_ORIGIN);
  });
}

/** The extension: installs the guard on every document as it loads (after its stored state). */
export const commentAuthors: Extension = {
  async onLoadDocument({ document }: DocumentPayload): Promise<void> {
    guard(document);
  },
};
