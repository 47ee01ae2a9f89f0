import type { Role } from '../../shared/roles';
import { hashPassword } from '../commands/accounts/registerAccount';
import { Organization } from '../models/Organization';
import { User } from '../models/User';
import { SEED_ORGANIZATIONS } from './organizations';
import { seedChallenges } from './challenges';
import { requestRepresentation } from '../commands/representation/requestRepresentation';

export const DEMO_PASSWORD = 'yinzhi-demo-2026';

/** One demo login per role; the README lists them. */
export const DEMO_ACCOUNTS: { email: string; name: string; roles: Role[]; org?: string; pendingOrg?: string; industries: string[]; skills: string[] }[] = [
  { email: 'admin@yinzhi.demo', name: '李钧（管理员）', roles: ['admin'], industries: [], skills: [] },
  { email: 'rep@yinzhi.demo', name: '应维湖（哈尔斯联络人）', roles: ['representative'], org: '浙江哈尔斯真空器皿股份有限公司', industries: ['3381'], skills: ['保温杯', '供应链'] },
  { email: 'expert@yinzhi.demo', name: '胡晓（材料专家）', roles: ['expert'], industries: ['3381', '3321'], skills: ['不锈钢', '表面处理', '工艺优化'] },
  { email: 'expert2@yinzhi.demo', name: '徐敏（工业设计）', roles: ['expert'], industries: ['7491'], skills: ['工业设计', '用户研究'] },
  { email: 'founder@yinzhi.demo', name: '王新（新生代出资人）', roles: ['founder'], industries: ['3312'], skills: ['出海', '数字化'] },
  { email: 'advisor@yinzhi.demo', name: '吕广（发展顾问）', roles: ['advisor'], industries: ['3312', '3381'], skills: ['出海', '融资', '数字化'] },
  // asked to represent 王力集团 and waits for the admin (the organisation has no representative yet)
  { email: 'pending@yinzhi.demo', name: '陈立（王力集团，待审批）', roles: ['expert'], pendingOrg: '王力集团', industries: ['3312'], skills: ['安全门'] },
];

/** How the boot banner and README name an account's roles. */
export const demoRoleLabel = (a: (typeof DEMO_ACCOUNTS)[number]) => [...a.roles, ...(a.pendingOrg ? ['representative (pending)'] : [])].join(',');

export type Seeder = (log: (msg: string) => void) => Promise<void>;

/** Other features add their demo data here (challenges, advisors…); run after the accounts. */
export const extraSeeders: Seeder[] = [seedChallenges];

/** Loads the demo data when the database has no organisations and no users; returns whether it did. */
export async function seedDemoIfEmpty(log: (msg: string) => void): Promise<boolean> {
  const [orgs, users] = await Promise.all([Organization.estimatedDocumentCount(), User.estimatedDocumentCount()]);
  if (orgs > 0 || users > 0) return false;
  const created = await Organization.insertMany(SEED_ORGANIZATIONS);
  const orgId = new Map(created.map((o) => [o.name, o._id]));
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await User.insertMany(
    DEMO_ACCOUNTS.map((a) => ({
      email: a.email,
      name: a.name,
      roles: a.roles,
      organizationId: a.org ? orgId.get(a.org) : null,
      industries: a.industries,
      skills: a.skills,
      passwordHash,
    })),
  );
  for (const a of DEMO_ACCOUNTS) {
    const org = a.pendingOrg ? orgId.get(a.pendingOrg) : undefined;
    const user = org ? await User.findOne({ email: a.email }) : null;
    if (user && org) await requestRepresentation({ user, organizationId: String(org) });
  }
  for (const seed of extraSeeders) await seed(log);
  log(`demo data loaded: ${created.length} organisations, ${DEMO_ACCOUNTS.length} accounts`);
  return true;
}
