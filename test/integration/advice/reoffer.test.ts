/**
 * Matching never dead-ends (issue 9, item 1), over real sockets: one advisor online, one founder
 * waiting. A missed offer comes back to the same advisor after the cool-down; after three misses
 * in a row the advisor is set away, told so live and in the bell, and offered nothing more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adviceOf } from '../../../server/matching/service';
import { startTestServer } from '../../helpers/server';
import { QUESTION, fastAdvice, onlineAdvisor, person, record, sleep, until } from './setup';

let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer();
  fastAdvice(server, { offerTimeoutMs: 300, reofferCooldownMs: 200, missesBeforeAway: 3 });
});
afterAll(async () => {
  await adviceOf(server.ctx).stop();
  await server?.stop();
});

describe('re-offer and auto-away', () => {
  it('offers a missed request to the only advisor again, then sets them away after three misses in a row', async () => {
    const advisor = await onlineAdvisor(server, { industries: ['3381'] });
    const founder = await person(server, ['founder']);
    const offers = record(advisor.socket, 'advice:offered');
    const states = record(advisor.socket, 'advisor:updated');
    const notes = record(advisor.socket, 'notification:created');
    const created = await founder.http.post('/api/advice/requests', QUESTION);
    expect(created.status).toBe(201);
    await until(() => notes.some((n) => n.kind === 'advice.autoAway'), 8000, 'auto-away notification');
    expect(offers.filter((o) => o.request.id === created.body.data.id)).toHaveLength(3);
    expect(states.at(-1)?.status).toBe('away');
    const before = offers.length;
    await sleep(1000); // away: no more offers, although the request still waits
    expect(offers.length).toBe(before);
    expect((await founder.http.get(`/api/advice/requests/${created.body.data.id}`)).body.data.state).toBe('queued');
  });
});
