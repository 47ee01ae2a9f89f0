/**
 * The database's own guard: a room that does not know a client id (what a second process serving
 * the room, or a bug in memory, would be) still cannot store it twice. The unique client-id key
 * refuses the copy, a filler keeps the seqs contiguous without being shown, and the sender is
 * answered with the first copy and its seq.
 */
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatHub } from '../../../server/chat/hub';
import { ChatRoom } from '../../../server/chat/room';
import { readMessages, sendMessage } from '../../../server/commands/advice/messages';
import { ChatMessage } from '../../../server/models/ChatMessage';
import { ChatSession } from '../../../server/models/ChatSession';
import { startTestServer } from '../../helpers/server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const oid = () => new mongoose.Types.ObjectId();

describe('one stored copy per sender and client id, enforced by the database', () => {
  it('refuses a resend from a room that did not know it, answers with the first copy, and shows no gap filler', async () => {
    const session = await ChatSession.create({ requestId: oid(), founderId: oid(), founderName: 'F', advisorId: oid(), advisorName: 'A', industry: '3381', question: 'unique' });
    const sessionId = String(session._id);
    const hub = new ChatHub(() => {});
    const first = await sendMessage({ chat: hub, room: (await hub.room(sessionId))!, authorId: 'u1', clientId: 'client-0001', text: 'hello' });
    expect(first.message.seq).toBe(1);

    // a room at the right seq that never saw client-0001 (its memory lost, or another process's)
    const meta = { sessionId, founderId: 'u1', advisorId: 'u2', state: 'open' as const, seq: 1, reads: { founder: 0, advisor: 0 } };
    const stale = new ChatRoom(meta, hub.writer);
    const again = await sendMessage({ chat: hub, room: stale, authorId: 'u1', clientId: 'client-0001', text: 'hello' });
    expect(again).toMatchObject({ duplicate: true, message: { seq: 1, clientId: 'client-0001', text: 'hello' } });
    expect(await ChatMessage.countDocuments({ sessionId, clientId: 'client-0001' })).toBe(1);

    // the same id from the other participant is another message
    const other = await sendMessage({ chat: hub, room: (await hub.room(sessionId))!, authorId: 'u2', clientId: 'client-0001', text: 'mine' });
    expect(other).toMatchObject({ duplicate: false, message: { authorId: 'u2', text: 'mine' } });
    expect(other.message.seq).toBe(3); // seq 2 holds the filler of the refused copy

    const page = await readMessages({ room: (await hub.room(sessionId))!, after: 0, limit: 10 });
    expect(page.messages.map((m) => [m.seq, m.authorId, m.text])).toEqual([[1, 'u1', 'hello'], [3, 'u2', 'mine']]);
    // a fresh process reads the same, and still knows the first copy
    const fresh = new ChatHub(() => {});
    const reloaded = (await fresh.room(sessionId))!;
    expect((await readMessages({ room: reloaded, before: 10, limit: 10 })).messages.map((m) => m.seq)).toEqual([1, 3]);
    expect(await sendMessage({ chat: fresh, room: reloaded, authorId: 'u1', clientId: 'client-0001', text: 'hello' })).toMatchObject({ duplicate: true, message: { seq: 1 } });
    await Promise.all([hub.stop(), fresh.stop()]);
  });
});
