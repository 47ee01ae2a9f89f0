/**
 * Comment threads live in the solution's Y.Doc (`COMMENTS_FIELD` map: thread id → thread), so
 * they sync, merge offline and persist exactly like the text. Anchors are Yjs relative positions
 * (base64 of `Y.encodeRelativePosition`), which follow the text through concurrent edits.
 * The server stamps `authorId`/`authorName` from the session on every entry a connection adds.
 */
export interface CommentReply {
  id: string;
  authorId: string;
  authorName: string;
  text: string;
  createdAt: string;
}

export interface CommentThread {
  id: string;
  /** Relative positions (base64) of the commented range's start and end. */
  anchor: { start: string; end: string };
  /** The text that was selected when the thread began (shown if the anchor's text is gone). */
  quote: string;
  authorId: string;
  authorName: string;
  text: string;
  createdAt: string;
  resolved: boolean;
  replies: CommentReply[];
}

/** Limits the client enforces and the server's stamping respects. */
export const COMMENT_MAX_LENGTH = 2000;
