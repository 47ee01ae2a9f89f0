/**
 * Shutdown stops every service through the server's one close(): pending advice work is
 * finished or left stored for the next start — a chat message in the writer's buffer is stored
 * and its room's hint saved, an offer's countdown never fires after close — and with Redis
 * nothing rejects unhandled after its clients quit (the late viewer-count broadcast did).
 */
import mongoose from 'mongoose';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { adviceOf } from '../../../server/matching/service';
import { AdviceRequest, AdviceTransition } from '../../../server/models/AdviceRequest';
import { ChatMessage, messageId } from '../../../server/models/ChatMessage';
import { ChatSession } from '../../../server/models/ChatSession';
import { boardFixture, challengeInput } from '../../helpers/board';
import { startRedis } from '../../helpers/redis';
import { startTestServer } from '../../helpers/server';
import { connectSocket, nextEvent, request } from '../../helpers/socket';
import { QUESTION, fastAdvice, onlineAdvisor, person, sleep } from '../advice/setup';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
process.on('unhandledRejection', onUnhandled);
afterEach(() => {
  unhandled.length = 0;
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  if (mongoose.connection.readyState === 1) {
    await mongoose.connection.dropDatabase();
    await mongoose.disconnect();
  }
});

describe('server.close()', () => {
  it('stores the chat message in the writer, saves the room hint, and leaves the offer stored with no countdown firing', async () => {
    const server = await startTestServer();
    fastAdvice(server, { offerTimeoutMs: 600 });
    const service = adviceOf(server.ctx);
    await service.ready;
    const advisor = await onlineAdvisor(server, { industries: ['3381'], capacity: 2 });
    const founder = await person(server, ['founder']);
    const offered = nextEvent(advisor.socket, 'advice:offered');
    const { body } = await founder.http.post('/api/advice/requests', QUESTION);
    const requestId = body.data.id as string;
    await offered;

    const session = await ChatSession.create({ requestId: new mongoose.Types.ObjectId(), founderId: founder.id, founderName: 'F', advisorId: advisor.id, advisorName: 'A', industry: '3381', question: 'q' });
    const sessionId = String(session._id);
    const room = (await service.chat.room(sessionId))!;
    const sent = room.append(founder.id, 'last-words-0001', '再见'); // in the writer's buffer, not yet flushed
    const transitionsBefore = await AdviceTransition.countDocuments({ requestId });

    await server.close();
    await sent;
    expect(await ChatMessage.exists({ _id: messageId(sessionId, 1) })).not.toBeNull();
    expect((await ChatSession.findById(sessionId).lean())?.seq).toBe(1); // the hint saved at shutdown

    await sleep(1200); // past the offer's countdown: a live timer would have passed it on by now
    expect(await AdviceTransition.countDocuments({ requestId })).toBe(transitionsBefore);
    expect((await AdviceRequest.findById(requestId).lean())?.state).toBe('offered'); // resumed by the next start
    for (const p of [advisor, founder]) p.socket.disconnect();
  });

  it('with Redis: a challenge watched at close rejects nothing unhandled after Redis quit', async () => {
    const redis = await startRedis();
    try {
      const server = await startTestServer({ env: { REDIS_URL: redis.url } });
      const f = await boardFixture(server.url);
      const challenge = (await f.rep.post('/api/challenges', challengeInput({ title: '关停时的在看人数' }))).body.data as { id: string };
      const watchers = await Promise.all([connectSocket(server.url), connectSocket(server.url)]);
      for (const s of watchers) expect((await request(s, 'challenge:watch', { id: challenge.id })).data).toBeDefined();
      await server.close(); // the watchers' disconnects change the count
      await sleep(600); // past the count's broadcast throttle (250 ms)
      expect(unhandled).toEqual([]);
      for (const s of watchers) s.disconnect();
    } finally {
      await redis.stop();
    }
  });
});
