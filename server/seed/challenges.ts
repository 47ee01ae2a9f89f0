import type { ChallengeInput } from '../../shared/schemas/challenge';
import { createChallenge } from '../commands/challenges/createChallenge';
import { answerQuestion, askQuestion } from '../commands/questions/questions';
import { createTeam } from '../commands/teams/createTeam';
import { acceptTerms } from '../commands/teams/participation';
import type { ChallengeDocument } from '../models/Challenge';
import { Organization } from '../models/Organization';
import { User } from '../models/User';

const days = (n: number) => new Date(Date.now() + n * 86_400_000);

type SeedChallenge = { org: string } & Omit<ChallengeInput, 'publish'>;

/** Open challenges from the article's companies, so a newcomer sees a living board. */
const CHALLENGES: SeedChallenge[] = [
  {
    org: '浙江哈尔斯真空器皿股份有限公司',
    title: '真空保温杯焊缝微漏在线检测',
    summary: '寻求一种能在产线节拍内（每只 3 秒）发现不锈钢真空杯焊缝微漏的低成本在线检测方法。',
    description: '<p>目前依靠人工抽检和氦检，成本高、漏检率约 0.3%。</p><ul><li>检测节拍 ≤ 3 秒/只</li><li>单工位设备成本 ≤ 20 万元</li></ul>',
    industry: '3381', tags: ['检测', '机器视觉', '不锈钢'], deliverable: 'prototype', reward: { amount: 50000, description: '样机验证通过后可签订采购合同' },
    deadline: days(21), visibility: 'public', teamSizeLimit: 4, terms: '方案知识产权归属由双方协商；验证数据仅用于本项目。',
  },
  {
    org: '浙江哈尔斯真空器皿股份有限公司',
    title: '出口保温杯的可回收包装方案',
    summary: '面向欧盟包装新规，设计一套减塑、可回收、运输破损率不升高的外包装方案。',
    description: '<p>需兼顾成本、跌落测试和品牌展示。</p>',
    industry: '3381', tags: ['包装', '出海', '可持续'], deliverable: 'plan', reward: { amount: 20000, description: '' },
    deadline: days(30), visibility: 'public', teamSizeLimit: 3, terms: '',
  },
  {
    org: '王力集团',
    title: '智能门锁低功耗无线通信方案',
    summary: '为新一代智能安全门锁设计续航 12 个月以上、支持远程开锁告警的低功耗通信方案。',
    description: '<p>现有方案待机电流偏高，电池续航约 6 个月。</p>',
    industry: '3312', tags: ['物联网', '低功耗', '安全'], deliverable: 'prototype', reward: { amount: 80000, description: '' },
    deadline: days(45), visibility: 'public', teamSizeLimit: 5, terms: '需签署保密协议后获得详细图纸。',
  },
  {
    org: '浙江三锋工具有限公司',
    title: '电动工具锂电池包热管理优化',
    summary: '在不增加体积的前提下，降低大功率电动工具电池包连续工作时的温升 10℃ 以上。',
    description: '<p>欢迎材料、结构和电控方向的专家组队。</p>',
    industry: '3321', tags: ['电池', '热管理', '结构设计'], deliverable: 'plan', reward: { amount: 60000, description: '' },
    deadline: days(25), visibility: 'public', teamSizeLimit: 4, terms: '',
  },
  {
    org: '先行集团',
    title: '摩托车零部件柔性产线排产优化',
    summary: '多品种小批量订单下，提升零部件产线的排产效率与设备利用率。',
    description: '<p>可提供近一年的脱敏订单与设备数据。</p>',
    industry: '3752', tags: ['排产', '运筹优化', '数字化'], deliverable: 'plan', reward: { amount: 100000, description: '' },
    deadline: days(40), visibility: 'members', teamSizeLimit: 5, terms: '数据仅限联盟内部使用。',
  },
  {
    org: '浙江恒稳工贸有限公司',
    title: '五金工具跨境电商选品与定价模型',
    summary: '基于公开平台数据，建立面向北美市场的五金工具选品与动态定价模型。',
    description: '<p>优先考虑可落地的轻量工具。</p>',
    industry: '3322', tags: ['跨境电商', '数据分析', '定价'], deliverable: 'idea', reward: { amount: null, description: '优先合作机会与年度顾问聘任' },
    deadline: days(20), visibility: 'public', teamSizeLimit: 3, terms: '',
  },
];

export async function seedChallenges(log: (msg: string) => void): Promise<void> {
  const admin = await User.findOne({ roles: 'admin' }, { _id: 1 }).lean();
  const created = new Map<string, ChallengeDocument>();
  for (const { org, ...input } of CHALLENGES) {
    const organization = await Organization.findOne({ name: org }).lean();
    if (!organization || !admin) continue;
    const rep = await User.findOne({ organizationId: organization._id, roles: 'representative' }, { _id: 1 }).lean();
    const { challenge } = await createChallenge({
      input: { ...input, publish: true },
      organizationId: String(organization._id),
      authorId: String(rep?._id ?? admin._id),
      organizationName: organization.name,
    });
    created.set(input.title, challenge);
  }
  await seedActivity(created);
  log(`demo board: ${CHALLENGES.length} open challenges, a team at work and answered questions`);
}

/**
 * A little life on the board, made through the same commands as the app: the industrial designer
 * leads a team on the packaging challenge, and the materials expert's questions on the weld
 * challenge (one answered by 哈尔斯, one still open). The materials expert stays free to start
 * or join a team, so a newcomer can try every step.
 */
async function seedActivity(challenges: Map<string, ChallengeDocument>): Promise<void> {
  const [expert, designer, rep] = await Promise.all(['expert@yinzhi.demo', 'expert2@yinzhi.demo', 'rep@yinzhi.demo'].map((email) => User.findOne({ email })));
  const packaging = challenges.get('出口保温杯的可回收包装方案');
  const weld = challenges.get('真空保温杯焊缝微漏在线检测');
  if (designer && packaging) {
    const accepted = await acceptTerms({ challenge: packaging, user: designer });
    await createTeam({ challenge: accepted, user: designer, name: '绿色包装设计组' });
  }
  if (expert && rep && weld) {
    const { question: asked } = await askQuestion({ challenge: weld, asker: expert, input: { text: '现有氦检工位的检测灵敏度和节拍分别是多少？能否提供一批已知漏点的样件用于验证？', visibility: 'public' } });
    await answerQuestion({ challenge: weld, questionId: asked.id as string, author: rep, input: { text: '氦检灵敏度约 1×10⁻⁹ Pa·m³/s，节拍约 40 秒/只。入围团队可申请 20 只标定漏点样件。' } });
    await askQuestion({ challenge: weld, asker: expert, input: { text: '产线是否允许在焊接工位后增加一道红外热成像工序？', visibility: 'public' } });
  }
}
