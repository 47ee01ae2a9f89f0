import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { stampPresence } from '../../../server/collab/presence';

const user = { id: 'u1', name: '张三', color: '#2f7ed8' };

function update(entries: [number, number, unknown][]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const [id, clock, state] of entries) {
    encoding.writeVarUint(e, id);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, JSON.stringify(state));
  }
  return encoding.toUint8Array(e);
}

function read(u: Uint8Array) {
  const d = decoding.createDecoder(u);
  return Array.from({ length: decoding.readVarUint(d) }, () => [decoding.readVarUint(d), decoding.readVarUint(d), JSON.parse(decoding.readVarString(d))]);
}

describe('presence stamping', () => {
  it('replaces the user the client claims with the authenticated one and records the ids it owns', () => {
    const owned = new Set<number>();
    const out = stampPresence(update([[7, 3, { user: { name: '管理员', color: 'red' }, cursor: { a: 1 } }]]), user, owned, () => false);
    expect(read(out!)).toEqual([[7, 3, { user, cursor: { a: 1 } }]]);
    expect([...owned]).toEqual([7]);
  });

  it("drops entries for ids another user's connection owns and keeps removals (null) of its own", () => {
    const owned = new Set([7]);
    const out = stampPresence(update([[7, 4, null], [9, 1, { x: 1 }]]), user, owned, (id) => id === 9);
    expect(read(out!)).toEqual([[7, 4, null]]);
    expect(stampPresence(update([[9, 2, {}]]), user, new Set(), () => true)).toBeNull();
  });

  it('throws on malformed or oversized states', () => {
    expect(() => stampPresence(Uint8Array.of(1, 7, 1), user, new Set(), () => false)).toThrow();
    expect(() => stampPresence(update([[1, 1, [1, 2]]]), user, new Set(), () => false)).toThrow();
    expect(() => stampPresence(update([[1, 1, { big: 'x'.repeat(20_000) }]]), user, new Set(), () => false)).toThrow();
  });
});
