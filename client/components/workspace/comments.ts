/**
 * Comment threads in the shared Y.Doc (see shared/schemas/comment.ts): each thread is a Y.Map in
 * the `comments` map with a nested `replies` Y.Map, so two people replying at once both keep
 * their reply. Anchors are Yjs relative positions of the selection, computed through y-tiptap's
 * mapping, so they follow the text through everyone's edits. The server rewrites the author
 * fields to the session's user.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Editor } from '@tiptap/vue-3';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { CommentReply, CommentThread } from '../../../shared/schemas/comment';
import { COMMENTS_FIELD } from '../../../shared/constants';
import type { PresenceUser } from '../../../shared/schemas/workspace';

interface SyncState {
  doc: Y.Doc;
  type: Y.XmlFragment;
  binding: { mapping: Map<Y.AbstractType<unknown>, unknown> } | null;
}

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const newId = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

function syncState(editor: Editor): SyncState | null {
  return (ySyncPluginKey.getState(editor.state) as SyncState | undefined) ?? null;
}

export const commentsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(COMMENTS_FIELD);

/** All threads, oldest first, as plain objects for rendering. */
export function readThreads(doc: Y.Doc): CommentThread[] {
  const out: CommentThread[] = [];
  commentsOf(doc).forEach((m, id) => {
    if (!(m instanceof Y.Map)) return;
    const replies = m.get('replies');
    const list = replies instanceof Y.Map ? ([...replies.values()] as CommentReply[]) : [];
    out.push({
      id,
      anchor: (m.get('anchor') as CommentThread['anchor']) ?? { start: '', end: '' },
      quote: String(m.get('quote') ?? ''),
      authorId: String(m.get('authorId') ?? ''),
      authorName: String(m.get('authorName') ?? ''),
      text: String(m.get('text') ?? ''),
      createdAt: String(m.get('createdAt') ?? ''),
      resolved: m.get('resolved') === true,
      replies: list.sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    });
  });
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Starts a thread on the editor's current selection; false when nothing is selected. */
export function addThread(editor: Editor, doc: Y.Doc, me: PresenceUser, text: string): boolean {
  const { from, to, empty } = editor.state.selection;
  const ys = syncState(editor);
  if (empty || !ys?.binding) return false;
  const rel = (pos: number) => b64(Y.encodeRelativePosition(absolutePositionToRelativePosition(pos, ys.type, ys.binding!.mapping as never)));
  const thread = new Y.Map<unknown>();
  doc.transact(() => {
    commentsOf(doc).set(newId(), thread);
    thread.set('anchor', { start: rel(from), end: rel(to) });
    thread.set('quote', editor.state.doc.textBetween(from, to, ' ').slice(0, 300));
    thread.set('authorId', me.id);
    thread.set('authorName', me.name);
    thread.set('text', text);
    thread.set('createdAt', new Date().toISOString());
    thread.set('resolved', false);
    thread.set('replies', new Y.Map());
  });
  return true;
}

export function addReply(doc: Y.Doc, threadId: string, me: PresenceUser, text: string): void {
  const replies = commentsOf(doc).get(threadId)?.get('replies');
  if (!(replies instanceof Y.Map)) return;
  const id = newId();
  replies.set(id, { id, authorId: me.id, authorName: me.name, text, createdAt: new Date().toISOString() } satisfies CommentReply);
}

export function setResolved(doc: Y.Doc, threadId: string, resolved: boolean): void {
  commentsOf(doc).get(threadId)?.set('resolved', resolved);
}

/** The document range a thread is anchored to now, or null when its text is gone. */
function rangeOf(ys: SyncState, thread: CommentThread): { from: number; to: number } | null {
  if (!ys.binding || !thread.anchor.start) return null;
  const abs = (s: string) => relativePositionToAbsolutePosition(ys.doc, ys.type, Y.decodeRelativePosition(unb64(s)), ys.binding!.mapping as never);
  const from = abs(thread.anchor.start);
  const to = abs(thread.anchor.end);
  return from === null || to === null || from >= to ? null : { from, to };
}

/** Highlights the text of open threads; re-read on every editor transaction (cheap: few threads). */
export const CommentHighlight = Extension.create<{ doc: Y.Doc | null }>({
  name: 'commentHighlight',
  addOptions: () => ({ doc: null }),
  addProseMirrorPlugins() {
    const doc = this.options.doc;
    return [
      new Plugin({
        key: new PluginKey('commentHighlight'),
        props: {
          decorations: (state) => {
            const ys = ySyncPluginKey.getState(state) as SyncState | undefined;
            if (!doc || !ys?.binding) return DecorationSet.empty;
            const ranges = readThreads(doc).filter((th) => !th.resolved).map((th) => rangeOf(ys, th)).filter((r) => r !== null);
            return DecorationSet.create(state.doc, ranges.map((r) => Decoration.inline(r.from, r.to, { class: 'comment-anchor' })));
          },
        },
      }),
    ];
  },
});

/** Selects a thread's anchored text in the editor; false if the text is gone. */
export function selectAnchor(editor: Editor, thread: CommentThread): boolean {
  const ys = syncState(editor);
  const range = ys && rangeOf(ys, thread);
  if (!range) return false;
  editor.chain().focus().setTextSelection(range).scrollIntoView().run();
  return true;
}
