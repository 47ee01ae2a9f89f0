/**
 * The collaboration endpoint: the y-websocket protocol at `/collab/<document name>` on the app's
 * one HTTP server. Extensions run in order: authentication (cookie + central policy), persistence
 * (load before first sync, batched appends, compaction), comment authorship.
 *
 * Refusals: the decision is made before the upgrade completes, but a refused request is still
 * upgraded and then closed at once with the close code of shared/errors.ts (4401, 4403, 4404,
 * 4400). Browsers hide the HTTP status of a failed handshake from scripts (they see 1006), so a
 * close code is the only way the client can tell "log in" from "not your team" and stop retrying.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { AppContext } from '../context';
import { ERROR_TABLE, type ErrorCode } from '../../shared/errors';
import { AppError, toAppError } from '../errors';
import { originAllowed } from '../middlewares/origin';
import type { RunningServer } from '../server';
import { authentication } from './auth';
import { commentAuthors } from './comments';
import { Connection } from './connection';
import type { SharedDocument } from './document';
import { runHooks, type ConnectionContext, type Extension } from './hooks';
import { DEFAULT_PERSISTENCE, Persistence, type PersistenceOptions } from './persistence';
import { DocumentRegistry } from './registry';
import { startRevalidation } from './revalidate';

export const COLLAB_PREFIX = '/collab/';

export interface CollabOptions {
  /** A document with no connection leaves memory after this long. */
  idleMs?: number;
  /** Largest accepted frame; a bigger one closes the connection with 1009. */
  maxPayload?: number;
  /** How often open connections are re-authorised (membership changes, disabled accounts). */
  revalidateMs?: number;
  persistence?: Partial<PersistenceOptions>;
}

export interface Collab {
  registry: DocumentRegistry;
  persistence: Persistence;
  connections: Set<Connection>;
  /** Re-authorises every open connection now (closing those no longer allowed). */
  revalidate(): Promise<void>;
  /** Closes at once the connections `match` selects, with `code`'s close code; returns how many. */
  revoke(match: (c: Connection) => boolean, code: ErrorCode): number;
}

const attached = new WeakMap<AppContext, Collab>();

/** The collab endpoint of this app if attached (subscribers that act on open connections). */
export function attachedCollab(ctx: AppContext): Collab | null {
  return attached.get(ctx) ?? null;
}

/** The collab endpoint attached to this app (REST commands edit live documents through it). */
export function collabOf(ctx: AppContext): Collab {
  const collab = attached.get(ctx);
  if (!collab) throw new AppError('unavailable', 'Collaboration is not running');
  return collab;
}

/** Attaches the collab endpoint to a running server; closes with it (documents stored first). */
export function attachCollab(server: RunningServer, opts: CollabOptions = {}): Collab {
  const log = server.ctx.log.child({ module: 'collab' });
  const persistence = new Persistence(log, { ...DEFAULT_PERSISTENCE, ...opts.persistence });
  const extensions: Extension[] = [authentication, persistence, commentAuthors];
  const registry = new DocumentRegistry(extensions, log, opts.idleMs ?? 30_000);
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxPayload ?? 8 * 1024 * 1024 });
  const connections = new Set<Connection>();
  const revalidation = startRevalidation(connections, log, opts.revalidateMs);
  const revoke = (match: (c: Connection) => boolean, code: ErrorCode) => {
    let n = 0;
    for (const c of connections) {
      if (!match(c)) continue;
      c.revoke(ERROR_TABLE[code].close, code);
      n++;
    }
    return n;
  };
  const collab: Collab = { registry, persistence, connections, revalidate: revalidation.now, revoke };

  async function upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    const context: Partial<ConnectionContext> = {};
    let shared: SharedDocument | null = null;
    let refusal: AppError | null = null;
    try {
      const documentName = documentNameOf(req);
      if (!originAllowed(req, server.ctx.env.ALLOWED_ORIGINS)) throw new AppError('forbidden', 'Cross-origin connection refused');
      await runHooks(extensions, 'onAuthenticate', { request: req, documentName, context });
      shared = await registry.openForSync(documentName);
    } catch (err) {
      refusal = toAppError(err);
      if (refusal.code === 'internal') log.error({ err }, 'collab: upgrade failed');
    }
    if (socket.destroyed) return;
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', () => ws.terminate());
      if (refusal || !shared) return ws.close(refusal?.closeCode ?? 1011, (refusal?.code ?? 'internal').slice(0, 100));
      const doc = shared;
      const conn = new Connection(ws, doc, context as ConnectionContext, log);
      connections.add(conn);
      ws.on('close', () => {
        connections.delete(conn);
        doc.detach(conn);
        const payload = { documentName: doc.name, document: doc.doc, context: conn.context, remaining: doc.peers.size };
        runHooks(extensions, 'onDisconnect', payload).catch((err: unknown) => log.error({ err }, 'collab: onDisconnect failed'));
      });
    });
  }

  server.addUpgradeRoute(COLLAB_PREFIX, (req, socket, head) => void upgrade(req, socket, head));
  const heartbeat = setInterval(() => connections.forEach((c) => c.heartbeat()), 30_000);
  heartbeat.unref();
  server.onClose(async () => {
    clearInterval(heartbeat);
    revalidation.stop();
    for (const c of connections) c.ws.close(1001, 'server shutting down');
    await registry.closeAll();
    for (const c of connections) c.ws.terminate();
    wss.close();
  });
  attached.set(server.ctx, collab);
  return collab;
}

function documentNameOf(req: http.IncomingMessage): string {
  const path = (req.url ?? '').split('?')[0] ?? '';
  try {
    return decodeURIComponent(path.slice(COLLAB_PREFIX.length));
  } catch {
    throw new AppError('bad_request', 'Malformed document name');
  }
}
