import type { VersionView } from '../../shared/schemas/workspace';
import type { VersionDocument } from '../models/Version';

/** A version in the list (no state); `html` only for the single read-only view. */
export function presentVersion(v: VersionDocument, names: Map<string, string>, html?: string): VersionView {
  const authorId = String(v.authorId);
  return {
    id: v.id as string,
    teamId: String(v.teamId),
    name: v.name,
    author: { id: authorId, name: names.get(authorId) ?? '' },
    createdAt: (v.get('createdAt') as Date).toISOString(),
    bytes: v.bytes,
    ...(html === undefined ? {} : { html }),
  };
}
