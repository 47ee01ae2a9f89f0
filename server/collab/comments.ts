/**
 * Comment authorship is stamped by the server. Threads live in the document (see
 * shared/schemas/comment.ts) and a client writes them, so a client could claim any author; this
 * extension watches each connection's changes to the comments map and rewrites the author of every
 * thread or reply it added to the connection's authenticated user.
 */
import * as Y from 'yjs';
import { COMMENTS_FIELD } from '../../shared/schemas/workspace';
import { Connection } from './connection';
import type { DocumentPayload, Extension } from './hooks';

const STAMP_ORIGIN = Symbol('collab-comment-stamp');
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Y.AbstractType);

export const commentAuthors: Extension = {
  async onLoadDocument({ document }: DocumentPayload): Promise<void> {
    const comments = document.getMap<unknown>(COMMENTS_FIELD);
    comments.observeDeep((events, tx) => {
      if (!(tx.origin instanceof Connection)) return;
      const { id, name } = tx.origin.context.user;
      const fixes: (() => void)[] = [];
      for (const ev of events) {
        if (!(ev instanceof Y.YMapEvent)) continue;
        const target = ev.target as Y.Map<unknown>;
        for (const [key, change] of ev.changes.keys) {
          if (change.action !== 'add') continue;
          const value = target.get(key);
          if (target === comments && value instanceof Y.Map) {
            if (value.get('authorId') !== id || value.get('authorName') !== name) fixes.push(() => (value.set('authorId', id), value.set('authorName', name)));
          } else if (target.parent instanceof Y.Map && target.parent.parent === comments && isRecord(value)) {
            if (value.authorId !== id || value.authorName !== name) fixes.push(() => target.set(key, { ...value, authorId: id, authorName: name }));
          }
        }
      }
      if (fixes.length) document.transact(() => fixes.forEach((fix) => fix()), STAMP_ORIGIN);
    });
  },
};
