/**
 * The Yjs side of a workspace: a y-websocket connection to `/collab/<document>` on this origin
 * (the session cookie authenticates it) and an IndexedDB copy of the document, so edits made
 * offline survive a reload and merge when the connection is back. Exposes a small reactive
 * status for the UI: connected / syncing / offline, how many local changes the server has not
 * had yet, and — when the server refused us — the error code from the shared close-code table.
 */
import { reactive } from 'vue';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { errorCodeForClose, type ErrorCode } from '../../shared/errors';

export type SyncState = 'connecting' | 'syncing' | 'connected' | 'offline' | 'refused';

export interface CollabStatus {
  state: SyncState;
  /** Local changes made since the server last confirmed a full sync (kept in IndexedDB). */
  unsent: number;
  /** Loaded the offline copy from IndexedDB. */
  localReady: boolean;
  refused: ErrorCode | null;
}

export interface CollabSession {
  doc: Y.Doc;
  provider: WebsocketProvider;
  status: CollabStatus;
  destroy(): void;
}

/** Opens the shared document `documentName` (e.g. `team.<id>`). */
export function openCollab(documentName: string): CollabSession {
  const doc = new Y.Doc();
  const status = reactive<CollabStatus>({ state: 'connecting', unsent: 0, localReady: false, refused: null });
  const local = new IndexeddbPersistence(`yinzhi:${documentName}`, doc);
  void local.whenSynced.then(() => (status.localReady = true));
  const base = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
  const provider = new WebsocketProvider(base, documentName, doc, { maxBackoffTime: 5000 });

  // A local change is "sent" once it went out on an open, synced socket; otherwise it waits.
  const onUpdate = (_u: Uint8Array, origin: unknown) => {
    if (origin === provider || origin === local) return;
    if (!(provider.wsconnected && provider.synced)) status.unsent++;
  };
  doc.on('update', onUpdate);
  provider.on('status', ({ status: s }: { status: string }) => {
    if (status.state === 'refused' || (status.state === 'offline' && !provider.shouldConnect)) return;
    status.state = s === 'connected' ? (provider.synced ? 'connected' : 'syncing') : s === 'connecting' ? 'connecting' : 'offline';
  });
  provider.on('sync', (synced: boolean) => {
    if (!synced || status.state === 'refused') return;
    status.state = 'connected';
    status.unsent = 0; // the sync exchange sent the server everything it lacked
  });
  provider.on('closed', ({ code }: { code: number }) => {
    status.state = 'refused';
    status.refused = errorCodeForClose(code) ?? 'internal';
  });
  // The browser knows first: a socket can look open for a while after the network went away,
  // and anything typed then must count as unsent. Reconnect as soon as the network is back.
  const goOffline = () => {
    if (status.state === 'refused') return;
    provider.disconnect();
    status.state = 'offline';
  };
  const goOnline = () => status.state !== 'refused' && provider.connect();
  window.addEventListener('offline', goOffline);
  window.addEventListener('online', goOnline);

  return {
    doc,
    provider,
    status,
    destroy() {
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      doc.off('update', onUpdate);
      provider.destroy();
      void local.destroy();
      doc.destroy();
    },
  };
}
