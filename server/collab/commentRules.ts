/**
 * Who may change a comment thread, as a pure function over plain snapshots (no Yjs here, so the
 * rules are unit-tested alone; server/collab/comments.ts reads the document and writes the result
 * back). Given a thread as it was before a member's change and as it is after, `decideThread`
 * returns what the thread must be: the member's own comments and replies change as they wrote
 * them (with their authorship stamped), anyone in the team may resolve or reopen a thread, and
 * every other change goes back to how it was.
 */

/** One thread as plain values; `undefined` in place of a snapshot means "no thread under that id". */
export interface ThreadSnapshot {
  /** Every key of the thread's Y.Map except `replies`, with its plain value (Yjs types left out). */
  fields: Map<string, unknown>;
  /** Reply id → reply; only plain-object replies (anything else is not a reply a client shows). */
  replies: Map<string, Record<string, unknown>>;
}

/** The authenticated user behind a change (from the connection, never from the document). */
export interface CommentActor {
  id: string;
  name: string;
}

/** Keys that name the author: set by the server when an entry is created, never changed after. */
const AUTHOR_KEYS = ['authorId', 'authorName'] as const;
/** The one thread field any team member may change, and only to a boolean. */
const RESOLVED = 'resolved';

const stampedFields = (fields: Map<string, unknown>, author: { authorId: unknown; authorName: unknown }) =>
  new Map(fields).set('authorId', author.authorId).set('authorName', author.authorName);

const stampedReply = (reply: Record<string, unknown>, author: { authorId: unknown; authorName: unknown }) => ({ ...reply, ...author });

const authorOf = (actor: CommentActor) => ({ authorId: actor.id, authorName: actor.name });

/** Reply ids present in either snapshot. */
const replyIds = (a: ThreadSnapshot | undefined, b: ThreadSnapshot | undefined) => new Set([...(a?.replies.keys() ?? []), ...(b?.replies.keys() ?? [])]);

/** One reply's outcome: new ones are the actor's, existing ones change only at their author's hand. */
function decideReply(before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined, actor: CommentActor) {
  if (!before) return after && stampedReply(after, authorOf(actor));
  if (before.authorId !== actor.id) return before;
  return after && stampedReply(after, { authorId: before.authorId, authorName: before.authorName });
}

function decideReplies(before: ThreadSnapshot | undefined, after: ThreadSnapshot, actor: CommentActor): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const id of replyIds(before, after)) {
    const reply = decideReply(before?.replies.get(id), after.replies.get(id), actor);
    if (reply) out.set(id, reply);
  }
  return out;
}

/** The fields a change may leave: the author's edits (authorship kept), or only `resolved` for others. */
function decideFields(before: ThreadSnapshot, after: ThreadSnapshot, own: boolean): Map<string, unknown> {
  const fields = own ? new Map(after.fields) : new Map(before.fields);
  for (const key of AUTHOR_KEYS) {
    if (before.fields.has(key)) fields.set(key, before.fields.get(key));
    else fields.delete(key);
  }
  const resolved = after.fields.get(RESOLVED);
  if (typeof resolved === 'boolean') fields.set(RESOLVED, resolved);
  else if (before.fields.has(RESOLVED)) fields.set(RESOLVED, before.fields.get(RESOLVED));
  else fields.delete(RESOLVED);
  return fields;
}

/**
 * What a thread must be after `actor` changed it from `before` to `after` (either may be absent:
 * a creation or a deletion). A new thread and every reply in it are stamped as the actor's; the
 * author may edit or delete their thread (others' replies survive an edit but go with a deletion);
 * anyone may set `resolved`; replies are created by anyone and edited or deleted by their author.
 * `replaced` says the entry now holds another value than before: that is the old thread's deletion
 * plus a new thread, so when the deletion is refused the old thread comes back whole.
 */
export function decideThread(before: ThreadSnapshot | undefined, after: ThreadSnapshot | undefined, actor: CommentActor, replaced = false): ThreadSnapshot | undefined {
  if (!before) return after && { fields: stampedFields(after.fields, authorOf(actor)), replies: decideReplies(undefined, after, actor) };
  const own = before.fields.get('authorId') === actor.id;
  if (!after || replaced) return own ? after && decideThread(undefined, after, actor) : before;
  return { fields: decideFields(before, after, own), replies: decideReplies(before, after, actor) };
}
