import { User } from '../../server/models/User';
import { TestClient } from './http';

/** A valid challenge body; override what a test is about. */
export function challengeInput(overrides: Record<string, unknown> = {}) {
  return {
    title: '真空保温杯焊缝漏气检测',
    summary: '寻求一种在线检测不锈钢真空杯焊缝微漏的低成本方法。',
    description: '<p>目前依靠人工抽检，漏检率高。</p>',
    industry: '3381',
    tags: ['检测', '不锈钢'],
    deliverable: 'plan',
    reward: { amount: 50000, description: '' },
    deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    visibility: 'public',
    teamSizeLimit: 3,
    terms: '方案知识产权归属双方协商。',
    ...overrides,
  };
}

/** An approver (the admin, or a representative of the organisation) approves `userId`'s pending request. */
export async function approveRepresentative(approver: TestClient, userId: string): Promise<void> {
  const queue = await approver.get('/api/representation/requests?status=pending');
  const request = (queue.body.data as { id: string; user: { id: string } }[]).find((r) => r.user.id === userId);
  if (!request) throw new Error(`no pending request of ${userId}: ${JSON.stringify(queue.body)}`);
  const r = await approver.post(`/api/representation/requests/${request.id}/decision`, { approve: true });
  if (r.status !== 200) throw new Error(`approval failed: ${r.status} ${JSON.stringify(r.body)}`);
}

let counter = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}@example.com`;

/** An admin, two organisations with a representative each, and a way to make experts. */
export async function boardFixture(baseUrl: string) {
  const admin = new TestClient(baseUrl);
  const a = await admin.register({ email: unique('admin') });
  await User.updateOne({ _id: a.id }, { $set: { roles: ['admin'] } });
  const orgA = (await admin.post('/api/organizations', { name: `哈尔斯-${counter++}`, industry: '3381' })).body.data.id as string;
  const orgB = (await admin.post('/api/organizations', { name: `王力-${counter++}`, industry: '3312' })).body.data.id as string;
  const rep = new TestClient(baseUrl);
  const repId = (await rep.register({ email: unique('rep'), roles: ['representative'], organizationId: orgA, name: '应维湖' })).id;
  await approveRepresentative(admin, repId);
  const otherRep = new TestClient(baseUrl);
  await approveRepresentative(admin, (await otherRep.register({ email: unique('rep2'), roles: ['representative'], organizationId: orgB })).id);
  async function expert(industries: string[] = []) {
    const c = new TestClient(baseUrl);
    const email = unique('expert');
    const id = (await c.register({ email, roles: ['expert'] })).id;
    if (industries.length) await c.patch('/api/me/profile', { industries });
    return Object.assign(c, { id, email });
  }
  return { admin, orgA, orgB, rep, repId, otherRep, expert };
}
