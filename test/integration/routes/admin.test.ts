import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Challenge } from '../../../server/models/Challenge';
import { boardFixture, challengeInput } from '../../helpers/board';
import { startTestServer } from '../../helpers/server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

describe('admin dashboard stats', () => {
  it('counts what is stored, for the admin only', async () => {
    const f = await boardFixture(server.url);
    const c1 = (await f.rep.post('/api/challenges', challengeInput({ industry: '3381' }))).body.data;
    await f.rep.post('/api/challenges', challengeInput({ industry: '6513' }));
    await f.rep.post('/api/challenges', challengeInput({ publish: false }));
    const e = await f.expert();
    await e.post(`/api/challenges/${c1.id}/questions`, { text: '问题一？' });
    const q2 = (await e.post(`/api/challenges/${c1.id}/questions`, { text: '问题二？' })).body.data;
    await f.rep.post(`/api/challenges/${c1.id}/questions/${q2.id}/answer`, { text: '答' });
    await Challenge.updateOne({ _id: c1.id }, { $set: { status: 'solved', statusChangedAt: new Date() } });

    expect((await e.get('/api/admin/stats')).status).toBe(403);
    const r = await f.admin.get('/api/admin/stats');
    expect(r.status).toBe(200);
    const s = r.body.data;
    expect(s.totals).toMatchObject({ organizations: 2, challenges: 3, questions: 2 });
    expect(s.challengesByStatus).toEqual({ open: 1, solved: 1, draft: 1 });
    expect(s.usersByRole).toMatchObject({ admin: 1, representative: 2, expert: 1 });
    expect(s.challengesBySection).toEqual({ C: 1, I: 1 });
    expect(s.weekly).toHaveLength(12);
    expect(s.weekly.at(-1)).toMatchObject({ posted: 2, solved: 1 });
    expect(s.questions).toMatchObject({ answered: 1, unanswered: 1 });
    expect(s.questions.medianAnswerHours).toBeGreaterThanOrEqual(0);
  });
});
