import { z } from 'zod';
import { ObjectIdString } from './common';

export { COMMENTS_FIELD, DOCUMENT_FIELD } from '../constants';

/**
 * A collaborative document name as it appears in `/collab/<name>`: `team.<24-hex team id>`
 * (see `teamDocumentName`). Parsed before anything is loaded, so a malformed name never reaches
 * the database.
 */
export const CollabDocumentName = z
  .string()
  .regex(/^team\.[a-f0-9]{24}$/, 'must be team.<24-hex id>')
  .transform((name) => ({ name, teamId: name.slice('team.'.length) }));
export type CollabDocumentName = z.infer<typeof CollabDocumentName>;

/** Who is present in a document: always set by the server from the session, never by the client. */
export interface PresenceUser {
  id: string;
  name: string;
  /** `#rrggbb`: the caret extension hides carets in any other format. */
  color: string;
}

const PALETTE = ['#d94848', '#2f7ed8', '#2a9d5b', '#c77c0e', '#8e44ad', '#16a3b8', '#c2185b', '#5d6d7e', '#7cb342', '#e65100', '#3949ab', '#00897b'];

/** A stable caret colour for a user id (same colour on every device and reload). */
export function presenceColor(userId: string): string {
  let h = 0;
  for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}

export const VersionInput = z.object({ name: z.string().trim().min(1).max(80) });
export type VersionInput = z.infer<typeof VersionInput>;

export const VersionParams = z.object({ id: ObjectIdString, versionId: ObjectIdString });
export type VersionParams = z.infer<typeof VersionParams>;

export interface VersionView {
  id: string;
  teamId: string;
  name: string;
  author: { id: string; name: string };
  createdAt: string;
  /** Size of the frozen Yjs state in bytes. */
  bytes: number;
  /** Rendered read-only HTML (only in the single-version view). */
  html?: string;
}

/** The workspace page: the team, its challenge and what the viewer may do there. */
export interface WorkspaceView {
  teamId: string;
  teamName: string;
  documentName: string;
  challenge: { id: string; title: string; status: string; deadline: string; organizationName: string };
  members: { id: string; name: string; role: 'lead' | 'member'; color: string }[];
  me: { id: string; lead: boolean; can: { edit: boolean; submit: boolean } };
}
