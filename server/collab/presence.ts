/**
 * Presence (awareness) is the one thing a client describes about itself, so it is rewritten on
 * the way in: every state's `user` becomes the authenticated user (name and colour from the
 * session, never from the client), and a connection may only speak for the Yjs client ids it
 * introduced itself, so nobody can move, rename or remove someone else's caret.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { PresenceUser } from '../../shared/schemas/workspace';

/** Largest presence state accepted (a caret and a user record are a few hundred bytes). */
const MAX_STATE_CHARS = 16 * 1024;

interface Entry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

function readEntries(update: Uint8Array): Entry[] {
  const d = decoding.createDecoder(update);
  const n = decoding.readVarUint(d);
  const entries: Entry[] = [];
  for (let i = 0; i < n; i++) {
    const clientId = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    const json = decoding.readVarString(d);
    if (json.length > MAX_STATE_CHARS) throw new Error('presence state too large');
    const state: unknown = JSON.parse(json);
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new Error('presence state must be an object');
    entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
  }
  return entries;
}

/**
 * Returns the update to apply for this connection: foreign client ids dropped, `user` replaced.
 * `owned` collects the ids this connection introduced (removed on disconnect); `owner` tells
 * whether another live connection already speaks for an id. Throws on a malformed update.
 */
export function stampPresence(
  update: Uint8Array,
  user: PresenceUser,
  owned: Set<number>,
  ownedElsewhere: (clientId: number) => boolean,
): Uint8Array | null {
  const kept = readEntries(update).filter((e) => owned.has(e.clientId) || !ownedElsewhere(e.clientId));
  if (kept.length === 0) return null;
  const out = encoding.createEncoder();
  encoding.writeVarUint(out, kept.length);
  for (const e of kept) {
    owned.add(e.clientId);
    encoding.writeVarUint(out, e.clientId);
    encoding.writeVarUint(out, e.clock);
    encoding.writeVarString(out, JSON.stringify(e.state === null ? null : { ...e.state, user }));
  }
  return encoding.toUint8Array(out);
}
