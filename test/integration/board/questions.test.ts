import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../helpers/http';
import { boardFixture, challengeInput } from '../../helpers/board';
import { startTestServer } from '../../helpers/server';
import { connectSocket, nextEvent, request } from '../../helpers/socket';

let server: Awaited<ReturnType<typeof startTestServer>>;
let f: Awaited<ReturnType<typeof boardFixture>>;
let challengeId: string;
beforeAll(async () => {
  server = await startTestServer();
  f = await boardFixture(server.url);
  challengeId = (await f.rep.post('/api/challenges', challengeInput())).body.data.id;
});
afterAll(() => server?.stop());

describe('public Q&A', () => {
  it('an expert asks, the room sees it live; the organisation answers and the asker is told', async () => {
    const asker = await f.expert();
    const observer = await connectSocket(server.url);
    await request(observer, 'challenge:watch', { id: challengeId });
    const askerSocket = await connectSocket(server.url, asker.cookie);
    const repSocket = await connectSocket(server.url, f.rep.cookie);
    const created = nextEvent(observer, 'question:created');
    const repNotified = nextEvent(repSocket, 'notification:created');
    const q = await asker.post(`/api/challenges/${challengeId}/questions`, { text: '允许的检测节拍是多少？' });
    expect(q.status).toBe(201);
    expect((await created).text).toBe('允许的检测节拍是多少？');
    expect((await repNotified).kind).toBe('question.asked');

    const answered = nextEvent(observer, 'question:answered');
    const askerNotified = nextEvent(askerSocket, 'notification:created');
    expect((await asker.post(`/api/challenges/${challengeId}/questions/${q.body.data.id}/answer`, { text: '我自己回答' })).status).toBe(403);
    expect((await f.otherRep.post(`/api/challenges/${challengeId}/questions/${q.body.data.id}/answer`, { text: '别家回答' })).status).toBe(403);
    const a = await f.rep.post(`/api/challenges/${challengeId}/questions/${q.body.data.id}/answer`, { text: '每只 3 秒以内' });
    expect(a.body.data.answer).toMatchObject({ text: '每只 3 秒以内', by: { name: '应维湖' } });
    expect((await answered).answer?.text).toBe('每只 3 秒以内');
    expect(await askerNotified).toMatchObject({ kind: 'question.answered', data: { challengeId } });
    const list = (await new TestClient(server.url).get(`/api/challenges/${challengeId}/questions`)).body.data;
    expect(list.map((x: { text: string }) => x.text)).toContain('允许的检测节拍是多少？');
    for (const s of [observer, askerSocket, repSocket]) s.disconnect();
  });

  it('keeps private questions to the asker and the organisation', async () => {
    const asker = await f.expert();
    const other = await f.expert();
    const observer = await connectSocket(server.url, other.cookie);
    await request(observer, 'challenge:watch', { id: challengeId });
    let leaked = false;
    observer.on('question:created', (q) => {
      if (q.text.includes('报价')) leaked = true;
    });
    const repSocket = await connectSocket(server.url, f.rep.cookie);
    const repSees = nextEvent(repSocket, 'question:created');
    await asker.post(`/api/challenges/${challengeId}/questions`, { text: '能否私下沟通报价？', visibility: 'private' });
    expect((await repSees).visibility).toBe('private');
    const texts = async (c: TestClient) => (await c.get(`/api/challenges/${challengeId}/questions`)).body.data.map((x: { text: string }) => x.text);
    expect(await texts(asker)).toContain('能否私下沟通报价？');
    expect(await texts(f.rep)).toContain('能否私下沟通报价？');
    expect(await texts(other)).not.toContain('能否私下沟通报价？');
    expect(await texts(f.otherRep)).not.toContain('能否私下沟通报价？');
    await new Promise((r) => setTimeout(r, 200));
    expect(leaked).toBe(false);
    observer.disconnect();
    repSocket.disconnect();
  });

  it('refuses anonymous questions and empty text', async () => {
    expect((await new TestClient(server.url).post(`/api/challenges/${challengeId}/questions`, { text: '匿名提问' })).status).toBe(401);
    const e = await f.expert();
    expect((await e.post(`/api/challenges/${challengeId}/questions`, { text: ' ' })).status).toBe(400);
  });
});

describe('notifications', () => {
  it('lists my notifications with an unread count and marks them read; never another user\'s', async () => {
    const asker = await f.expert();
    const q = (await asker.post(`/api/challenges/${challengeId}/questions`, { text: '第二个问题？' })).body.data;
    await f.rep.post(`/api/challenges/${challengeId}/questions/${q.id}/answer`, { text: '好的' });
    const mine = (await asker.get('/api/notifications')).body.data;
    expect(mine.unread).toBe(1);
    expect(mine.items[0]).toMatchObject({ kind: 'question.answered', read: false, link: `/challenges/${challengeId}` });
    const stranger = await f.expert();
    await stranger.post('/api/notifications/read', { ids: [mine.items[0].id] });
    expect((await asker.get('/api/notifications')).body.data.unread).toBe(1);
    expect((await asker.post('/api/notifications/read', { ids: [mine.items[0].id] })).body.data.unread).toBe(0);
    expect((await asker.post('/api/notifications/read', { ids: ['nope'] })).status).toBe(400);
    expect((await new TestClient(server.url).get('/api/notifications')).status).toBe(401);
  });
});
