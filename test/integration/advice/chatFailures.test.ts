/**
 * Chat writes when the database fails: every failed attempt reaches the hub's `onError` (the
 * service logs it), a message write is retried and stored once the failure passes, a failed
 * bucket is carried into the next flush, and a failed hint save leaves the room dirty so the
 * next round writes it — nothing is dropped in silence.
 */
import mongoose from 'mongoose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ChatHub } from '../../../server/chat/hub';
import { sendMessage } from '../../../server/commands/advice/messages';
import { BUCKET_SIZE, ChatBucket, ChatMessage, bucketId } from '../../../server/models/ChatMessage';
import { ChatSession } from '../../../server/models/ChatSession';
import { startTestServer } from '../../helpers/server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});
afterEach(() => vi.restoreAllMocks());

const oid = () => new mongoose.Types.ObjectId();

async function newSession(): Promise<string> {
  const s = await ChatSession.create({ requestId: oid(), founderId: oid(), founderName: 'F', advisorId: oid(), advisorName: 'A', industry: '3381', question: 'failures' });
  return String(s._id);
}

async function send(hub: ChatHub, sessionId: string, clientId: string) {
  const room = (await hub.room(sessionId))!;
  return sendMessage({ chat: hub, room, authorId: 'x', clientId, text: clientId });
}

/** The driver collection the writer inserts into, made to fail its next `times` inserts. */
function failInserts(collectionName: string, times: number) {
  const collection = ChatMessage.db.collection(collectionName);
  const real = collection.insertMany.bind(collection);
  let left = times;
  return vi.spyOn(collection, 'insertMany').mockImplementation(((...args: Parameters<typeof real>) => {
    if (left-- > 0) return Promise.reject(new Error('connection reset'));
    return real(...args);
  }) as typeof real);
}

describe('chat writes under database failures', () => {
  it('retries a failed message write, stores it once, and reports each failed attempt', async () => {
    const errors: unknown[] = [];
    const hub = new ChatHub((err) => errors.push(err));
    const sessionId = await newSession();
    await hub.room(sessionId);
    failInserts(ChatMessage.collection.name, 2);
    const { message } = await send(hub, sessionId, 'retry-me-0001');
    expect(message.seq).toBe(1);
    expect(await ChatMessage.countDocuments({ sessionId })).toBe(1);
    expect(errors.map((e) => (e as Error).message)).toEqual(['connection reset', 'connection reset']);
    await hub.stop();
  });

  it('reports a failed bucket and writes it with the next flush', async () => {
    const errors: unknown[] = [];
    const hub = new ChatHub((err) => errors.push(err));
    const sessionId = await newSession();
    for (let i = 1; i < BUCKET_SIZE - 1; i++) await send(hub, sessionId, `fill-${String(i).padStart(8, '0')}`);
    failInserts(ChatBucket.collection.name, 3); // the first try and both retries
    await send(hub, sessionId, 'seals-the-bucket'); // seq BUCKET_SIZE - 1 seals bucket 0
    await hub.writer.idle();
    expect(errors).toHaveLength(3);
    expect(await ChatBucket.exists({ _id: bucketId(sessionId, 0) })).toBeNull();
    await send(hub, sessionId, 'next-flush-0001');
    await hub.writer.idle();
    expect(await ChatBucket.exists({ _id: bucketId(sessionId, 0) })).not.toBeNull();
    await hub.stop();
  });

  it('a failed hint save is reported and the room stays dirty: the next round writes it', async () => {
    const errors: unknown[] = [];
    const hub = new ChatHub((err) => errors.push(err));
    const sessionId = await newSession();
    await send(hub, sessionId, 'hint-0000001');
    const update = vi.spyOn(ChatSession, 'updateOne').mockRejectedValueOnce(new Error('connection reset'));
    await hub.saveHints(true);
    expect(errors.map((e) => (e as Error).message)).toEqual(['connection reset']);
    expect((await hub.room(sessionId))?.dirty).toBe(true);
    update.mockRestore();
    await hub.stop(); // saves every dirty room
    expect((await ChatSession.findById(sessionId).lean())?.seq).toBe(1);
  });
});
