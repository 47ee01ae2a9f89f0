/**
 * Chat crash safety: the real entry point in a child process, killed with SIGKILL while a founder
 * sends with many messages unanswered. Every message acknowledged before the kill is stored under
 * its acknowledged seq; after a restart (the advisor talking first) the founder resends
 * everything unanswered with the same client ids, and each id ends up stored exactly once (any
 * stored just before the kill whose reply died with it is known to the reloaded room, however far
 * back; whether the kill lands on such a batch is up to timing — exactlyOnce.test.ts forces it).
 */
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectMongoose } from '../../../server/db/connect';
import { ChatMessage } from '../../../server/models/ChatMessage';
import type { RunningServer } from '../../../server/server';
import { freePort, serverProcess } from '../../helpers/serverProcess';
import { connectSocket } from '../../helpers/socket';
import { openSession } from '../advice/chatSession';

const dbName = `t_chat_sigkill_${Date.now().toString(36)}`;
const uri = `${inject('mongoUri')}${dbName}`;
let server: ReturnType<typeof serverProcess> | null = null;

beforeAll(async () => {
  await connectMongoose(uri, 'ferretdb');
});
afterAll(async () => {
  await server?.stop();
  await mongoose.connection.dropDatabase().catch(() => undefined);
  await mongoose.disconnect();
});

describe('chat crash safety', () => {
  it('keeps every acknowledged message through SIGKILL, and stores each resent id once after the restart', async () => {
    server = serverProcess({ uri, port: await freePort() });
    const url = await server.boot();
    const { founder, advisor, sessionId } = await openSession({ url } as RunningServer); // the helpers only use the URL
    const acked = new Map<string, number>();
    const ids = Array.from({ length: 2000 }, (_, i) => `crash-${String(i).padStart(5, '0')}`);
    const sendAll = (socket: typeof founder.socket, list: string[]) =>
      list.map((clientId) =>
        socket.timeout(10_000).emitWithAck('chat:send', { sessionId, clientId, text: clientId }).then(
          (r) => void ('data' in r && acked.set(clientId, r.data.seq)),
          () => undefined, // cut off by the kill
        ),
      );
    const inFlight = sendAll(founder.socket, ids.slice(0, 100));
    await Promise.all(inFlight);
    const more = sendAll(founder.socket, ids.slice(100));
    while (acked.size < 250) await new Promise((r) => setTimeout(r, 1));
    await server.kill(); // with sends still unanswered
    await Promise.all(more);
    const beforeRestart = new Map(acked);
    expect(beforeRestart.size).toBeLessThan(ids.length);

    const stored = new Map((await ChatMessage.find({ sessionId }).lean()).map((m) => [m.clientId!, m.seq!]));
    for (const [clientId, seq] of beforeRestart) expect(stored.get(clientId), clientId).toBe(seq);

    await server.boot();
    // the advisor is back first and talks: the founder's lost replies are now far behind the tail
    const advisorSocket = await connectSocket(url, advisor.http.cookie);
    for (let i = 0; i < 150; i++) await advisorSocket.timeout(10_000).emitWithAck('chat:send', { sessionId, clientId: `back-${String(i).padStart(5, '0')}`, text: 'back' });
    const socket = await connectSocket(url, founder.http.cookie);
    await socket.timeout(10_000).emitWithAck('chat:join', { sessionId, afterSeq: 0 });
    // resend everything without a reply, also what was stored but whose reply died with the server
    await Promise.all(sendAll(socket, ids.filter((id) => !beforeRestart.has(id))));
    expect(acked.size).toBe(ids.length);
    const after = (await ChatMessage.find({ sessionId }).lean()).filter((m) => m.authorId === founder.id);
    expect(after).toHaveLength(ids.length);
    expect(new Set(after.map((m) => m.clientId))).toEqual(new Set(ids));
    for (const [clientId, seq] of beforeRestart) expect(acked.get(clientId)).toBe(seq);
    socket.close();
    advisorSocket.close();
  }, 60_000);
});
