/**
 * Hooks in the hocuspocus style: the collab server is a few small extensions, each implementing
 * only the hooks it needs; `runHooks` calls them in order and awaits each, so authentication runs
 * before loading, and a failing hook stops the chain (a thrown AppError refuses a connection).
 */
import type http from 'node:http';
import type * as Y from 'yjs';
import type { PresenceUser } from '../../shared/schemas/workspace';
import type { Actor } from '../policies';

/** What authentication decided about one connection. */
export interface ConnectionContext {
  user: PresenceUser;
  actor: Actor;
  /** The login session the connection was opened with: it closes when that session ends. */
  sessionId: string;
  /** Read-only connections receive the document and presence but their updates are dropped. */
  readOnly: boolean;
}

export interface AuthenticatePayload {
  request: http.IncomingMessage;
  documentName: string;
  /** Filled in by onAuthenticate hooks. */
  context: Partial<ConnectionContext>;
}

export interface DocumentPayload {
  documentName: string;
  document: Y.Doc;
}

/** What storage holds for a document, read before (and without) building its Y.Doc. */
export interface FetchPayload {
  documentName: string;
  /** Set by onFetchDocument: the stored updates in storage order (snapshot, then buckets). */
  updates: Uint8Array[];
}

export interface ChangePayload extends DocumentPayload {
  update: Uint8Array;
  /** The connection (or the server's own command) that made the change. */
  origin: unknown;
}

export interface DisconnectPayload extends DocumentPayload {
  context: ConnectionContext;
  /** Connections still open on the document. */
  remaining: number;
}

export interface Extension {
  onAuthenticate?(p: AuthenticatePayload): Promise<void>;
  /**
   * Reads the stored state as updates, without a Y.Doc: a fresh client's first sync is answered
   * from them while the document itself is filled (onLoadDocument) afterwards.
   */
  onFetchDocument?(p: FetchPayload): Promise<void>;
  /**
   * Fills the empty document from storage (after onFetchDocument) before any change is applied
   * to it or any client is answered from it; runs when the document is first needed.
   */
  onLoadDocument?(p: DocumentPayload): Promise<void>;
  /** Called synchronously for every change: keep it cheap (enqueue, don't write). */
  onChange?(p: ChangePayload): void;
  /** Makes everything received durable (called before unload and at shutdown). */
  onStoreDocument?(p: DocumentPayload): Promise<void>;
  onDisconnect?(p: DisconnectPayload): Promise<void>;
  /** The document left memory. */
  afterUnloadDocument?(p: { documentName: string }): Promise<void>;
}

type AsyncHook = 'onAuthenticate' | 'onFetchDocument' | 'onLoadDocument' | 'onStoreDocument' | 'onDisconnect' | 'afterUnloadDocument';
type PayloadOf<H extends AsyncHook> = Parameters<NonNullable<Extension[H]>>[0];

/** Runs one hook of every extension in order, awaiting each. */
export async function runHooks<H extends AsyncHook>(extensions: readonly Extension[], hook: H, payload: PayloadOf<H>): Promise<void> {
  for (const ext of extensions) {
    const fn = ext[hook] as ((p: PayloadOf<H>) => Promise<void>) | undefined;
    if (fn) await fn.call(ext, payload);
  }
}

/** Runs every onChange hook synchronously (per keystroke: no promise per extension). */
export function runChangeHooks(extensions: readonly Extension[], payload: ChangePayload): void {
  for (const ext of extensions) ext.onChange?.(payload);
}
