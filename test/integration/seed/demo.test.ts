import argon2 from 'argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Challenge } from '../../../server/models/Challenge';
import { Organization } from '../../../server/models/Organization';
import { Question } from '../../../server/models/Question';
import { Team } from '../../../server/models/Team';
import { User } from '../../../server/models/User';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoIfEmpty } from '../../../server/seed/demo';
import { normalizeIndustryCode } from '../../../shared/industry';
import { ROLES } from '../../../shared/roles';
import { useTestDatabase } from '../../helpers/db';

let db: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  db = await useTestDatabase();
});
afterAll(() => db?.drop());

describe('demo seed', () => {
  it('loads 25 organisations (named ones real, the rest marked fictional) and one login per role, once', async () => {
    expect(await seedDemoIfEmpty(() => {})).toBe(true);
    const orgs = await Organization.find().lean();
    expect(orgs).toHaveLength(25);
    expect(orgs.filter((o) => !o.fictional).map((o) => o.name)).toEqual(
      expect.arrayContaining(['先行集团', '浙江哈尔斯真空器皿股份有限公司', '泰空控股集团', '王力集团', '浙江三锋工具有限公司', '浙江恒稳工贸有限公司']),
    );
    expect(orgs.filter((o) => o.fictional).every((o) => o.name.includes('虚构'))).toBe(true);
    expect(orgs.every((o) => normalizeIndustryCode(o.industry) === o.industry)).toBe(true);

    const users = await User.find({ email: { $in: DEMO_ACCOUNTS.map((a) => a.email) } }).lean();
    const roles = new Set(users.flatMap((u) => u.roles));
    for (const role of ROLES) expect(roles.has(role)).toBe(true);
    expect(await argon2.verify(users[0]!.passwordHash, DEMO_PASSWORD)).toBe(true);
    const rep = users.find((u) => u.roles.includes('representative'));
    expect(rep?.organizationId).toBeTruthy();

    const challenges = await Challenge.find().lean();
    expect(challenges.length).toBeGreaterThanOrEqual(5);
    expect(challenges.every((c) => c.status === 'open' && c.deadline.getTime() > Date.now())).toBe(true);
    expect(challenges.some((c) => c.visibility === 'members')).toBe(true);

    // a team at work and a Q&A with an answer, made by the app's own commands (counters included)
    const designer = users.find((u) => u.email === 'expert2@yinzhi.demo')!;
    const expert = users.find((u) => u.email === 'expert@yinzhi.demo')!;
    const teams = await Team.find().lean();
    expect(teams).toHaveLength(1);
    expect(String(teams[0]!.leadId)).toBe(String(designer._id));
    const teamChallenge = challenges.find((c) => String(c._id) === String(teams[0]!.challengeId))!;
    expect([teamChallenge.teamCount, teamChallenge.participantCount]).toEqual([1, 1]);
    const questions = await Question.find().lean();
    expect(questions.every((q) => String(q.askerId) === String(expert._id) && q.visibility === 'public')).toBe(true);
    expect(questions.map((q) => !!q.answer).sort()).toEqual([false, true]);
    expect(teams.some((t) => t.members.some((m) => String(m.userId) === String(expert._id)))).toBe(false); // free to start one

    expect(await seedDemoIfEmpty(() => {})).toBe(false);
    expect(await Organization.countDocuments()).toBe(25);
  });
});
