import * as Y from 'yjs';
import { teamDocumentName as teamDocumentNameOf } from '../../../shared/schemas/team';
import { DOCUMENT_FIELD } from '../../../shared/schemas/workspace';
import type { Collab } from '../../collab';
import { AppError } from '../../errors';
import { Version, VERSION_MAX_BYTES, type VersionDocument } from '../../models/Version';

/** The origin of server-side restores (persisted and broadcast like any edit). */
export const RESTORE_ORIGIN = Symbol('workspace-restore');

/** Freezes the live document (loading it if idle) as a named version. */
export async function saveVersion(props: { collab: Collab; teamId: string; authorId: string; name: string }): Promise<VersionDocument> {
  const state = await props.collab.registry.use(teamDocumentNameOf(props.teamId), (shared) => Y.encodeStateAsUpdate(shared.doc));
  if (state.byteLength > VERSION_MAX_BYTES) throw new AppError('payload_too_large', 'The document is too large to save as a version');
  return Version.create({ teamId: props.teamId, name: props.name, authorId: props.authorId, state: Buffer.from(state), bytes: state.byteLength });
}

/**
 * Restores a version as a new forward edit: in one transaction the live rich text is replaced by
 * copies of the version's nodes. Every editor receives it as a normal change, undo history and
 * stored updates stay intact, and comments (kept beside the text) are left as they are.
 */
export async function restoreVersion(props: { collab: Collab; teamId: string; version: VersionDocument }): Promise<void> {
  const old = new Y.Doc();
  try {
    Y.applyUpdate(old, new Uint8Array(props.version.state));
    const nodes = old.getXmlFragment(DOCUMENT_FIELD).toArray().map((n) => (n as Y.XmlElement | Y.XmlText).clone());
    await props.collab.registry.use(teamDocumentNameOf(props.teamId), (shared) => {
      const live = shared.doc.getXmlFragment(DOCUMENT_FIELD);
      shared.doc.transact(() => {
        live.delete(0, live.length);
        live.insert(0, nodes);
      }, RESTORE_ORIGIN);
    });
  } finally {
    old.destroy();
  }
}
