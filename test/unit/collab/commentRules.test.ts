import { describe, expect, it } from 'vitest';
import { decideThread, type ThreadSnapshot } from '../../../server/collab/commentRules';

const A = { id: 'a'.repeat(24), name: '甲' };
const B = { id: 'b'.repeat(24), name: '乙' };
type Reply = Record<string, unknown>;

const reply = (id: string, who: { id: string; name: string }, text: string): Reply => ({ id, authorId: who.id, authorName: who.name, text, createdAt: '2026-01-01T00:00:00Z' });
function thread(who: { id: string; name: string }, fields: Record<string, unknown> = {}, replies: Reply[] = []): ThreadSnapshot {
  const base = { authorId: who.id, authorName: who.name, text: '原文', quote: '引用', resolved: false, ...fields };
  return { fields: new Map(Object.entries(base)), replies: new Map(replies.map((r) => [String(r.id), r])) };
}
/** Plain view for comparisons. */
const plain = (t: ThreadSnapshot | undefined) => t && { fields: Object.fromEntries(t.fields), replies: Object.fromEntries(t.replies) };

describe('decideThread', () => {
  it('stamps a new thread and every reply in it with the actor', () => {
    const claimed = thread(A, {}, [reply('r1', A, '一'), reply('r2', { id: 'x', name: 'x' }, '二')]);
    const out = plain(decideThread(undefined, claimed, B))!;
    expect(out.fields).toMatchObject({ authorId: B.id, authorName: B.name, text: '原文' });
    expect(out.replies).toEqual({ r1: reply('r1', B, '一'), r2: reply('r2', B, '二') });
  });

  it('keeps nothing when a thread that never existed is absent', () => {
    expect(decideThread(undefined, undefined, B)).toBeUndefined();
  });

  it("refuses another member's edit of text or authorship, but takes their `resolved`", () => {
    const before = thread(A);
    const after = thread(B, { text: '篡改', quote: '别的', resolved: true });
    expect(plain(decideThread(before, after, B))).toEqual(plain(thread(A, { resolved: true })));
  });

  it('ignores a non-boolean `resolved` from anyone', () => {
    expect(plain(decideThread(thread(A), thread(A, { resolved: 'yes' }), A))).toEqual(plain(thread(A)));
    expect(plain(decideThread(thread(A), thread(A, { resolved: 1 }), B))).toEqual(plain(thread(A)));
  });

  it('lets the author edit their thread but never its authorship', () => {
    const after = thread(B, { text: '新的', anchor: { start: 's', end: 'e' } });
    expect(plain(decideThread(thread(A), after, A))).toEqual(plain(thread(A, { text: '新的', anchor: { start: 's', end: 'e' } })));
  });

  it("restores a thread another member deleted; the author's deletion stands", () => {
    const before = thread(A, {}, [reply('r1', B, '回复')]);
    expect(decideThread(before, undefined, B)).toBe(before);
    expect(decideThread(before, undefined, A)).toBeUndefined();
  });

  it("brings back the whole thread when another member replaces the entry; the author's replacement is a new thread", () => {
    const before = thread(A, {}, [reply('ra', A, 'A 的'), reply('rb', B, 'B 的')]);
    const newcomer = thread(A, { text: '顶替' }, [reply('rn', A, '新')]);
    expect(decideThread(before, newcomer, B, true)).toBe(before);
    expect(plain(decideThread(before, newcomer, A, true))).toEqual(plain(newcomer));
    expect(plain(decideThread(before, thread(B, { text: '顶替' }), B, false))?.fields.text).toBe('原文');
  });

  it("restores another member's reply that was edited, re-authored or deleted", () => {
    const before = thread(A, {}, [reply('ra', A, 'A 的')]);
    for (const after of [thread(A, {}, [reply('ra', A, '改')]), thread(A, {}, [reply('ra', B, 'A 的')]), thread(A)]) {
      expect(plain(decideThread(before, after, B))).toEqual(plain(before));
    }
  });

  it('lets anyone add a reply (stamped) and its author edit or delete it', () => {
    const before = thread(A, {}, [reply('rb', B, 'B 的')]);
    const added = decideThread(before, thread(A, {}, [reply('rb', B, 'B 的'), reply('rn', A, '冒名')]), B);
    expect(added?.replies.get('rn')).toEqual(reply('rn', B, '冒名'));
    expect(decideThread(before, thread(A, {}, [reply('rb', A, '改过')]), B)?.replies.get('rb')).toEqual(reply('rb', B, '改过'));
    expect(decideThread(before, thread(A), B)?.replies.size).toBe(0);
  });

  it("keeps other members' replies when the author edits their thread", () => {
    const before = thread(A, {}, [reply('rb', B, 'B 的')]);
    const out = decideThread(before, thread(A, { text: '改' }), A);
    expect(out?.fields.get('text')).toBe('改');
    expect(out?.replies.get('rb')).toEqual(reply('rb', B, 'B 的'));
  });
});
