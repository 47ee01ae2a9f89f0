import { describe, expect, it } from 'vitest';
import { AdvisorIndex, industryKeys, type AdvisorEntry } from '../../../server/matching/advisorIndex';
import { explainScore, scoreAdvisor, type ScoredAdvisor } from '../../../server/matching/score';
import { estimateWait } from '../../../server/matching/queue';
import { INDUSTRIES } from '../../../shared/industry';

const NOW = 10 * 3_600_000;
const adv = (over: Partial<ScoredAdvisor> = {}): ScoredAdvisor => ({
  industries: ['3381'],
  topics: new Set(['出海']),
  languages: ['zh-CN'],
  capacity: 2,
  openSessions: 0,
  ratingSum: 0,
  ratingCount: 0,
  lastAssignedAt: 0,
  ...over,
});
const req = { industry: '3381', topics: ['出海'], language: 'zh-CN' as const };

describe('scoreAdvisor', () => {
  it('ranks by industry proximity: same 小类 > same 中类 > same 大类 > same 门类', () => {
    const scores = ['3381', '3382', '3312', '3421'].map((code) => scoreAdvisor({ ...req, topics: [] }, adv({ industries: [code], topics: new Set() }), NOW).score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(new Set(scores).size).toBe(4);
  });

  it('is unsuitable without a shared language, or without a shared 门类 and topic', () => {
    expect(scoreAdvisor({ ...req, language: 'en' }, adv(), NOW).suitable).toBe(false);
    expect(scoreAdvisor(req, adv({ industries: ['65'], topics: new Set() }), NOW).suitable).toBe(false);
    expect(scoreAdvisor(req, adv({ industries: ['65'] }), NOW).suitable).toBe(true); // the topic alone
  });

  it('prefers topic overlap, better ratings, free capacity and those not assigned recently', () => {
    const base = scoreAdvisor(req, adv(), NOW).score;
    expect(scoreAdvisor(req, adv({ topics: new Set() }), NOW).score).toBeLessThan(base);
    expect(scoreAdvisor(req, adv({ ratingSum: 25, ratingCount: 5 }), NOW).score).toBeGreaterThan(base);
    expect(scoreAdvisor(req, adv({ ratingSum: 5, ratingCount: 5 }), NOW).score).toBeLessThan(base);
    expect(scoreAdvisor(req, adv({ openSessions: 1 }), NOW).score).toBeLessThan(base);
    expect(scoreAdvisor(req, adv({ lastAssignedAt: NOW - 60_000 }), NOW).score).toBeLessThan(base);
    expect(scoreAdvisor(req, adv({ lastAssignedAt: NOW - 2 * 3_600_000 }), NOW).score).toBe(base);
  });

  it('explains itself with the codes, topics, rating and fairness that made the score', () => {
    const reasons = explainScore(req, adv({ industries: ['65', '3382'], ratingSum: 9, ratingCount: 2, lastAssignedAt: NOW - 5 * 60_000, openSessions: 1 }), NOW);
    expect(reasons).toEqual([
      { code: 'industry', weight: 0.338, level: 3, request: '3381', advisor: '3382' },
      { code: 'topics', weight: 0.2, shared: ['出海'] },
      { code: 'language', weight: 0, language: 'zh-CN' },
      { code: 'rating', weight: expect.any(Number), average: 4.5, count: 2 },
      { code: 'fairness', weight: expect.any(Number), openSessions: 1, capacity: 2, minutesSinceLast: 5 },
    ]);
  });
});

describe('AdvisorIndex', () => {
  const entry = (userId: string, industries: string[], over: Partial<AdvisorEntry> = {}): AdvisorEntry => ({
    ...adv({ industries, topics: new Set() }),
    userId,
    name: userId,
    status: 'online',
    pending: 0,
    topicList: [],
    ...over,
  });

  it('finds the same best advisor as a linear scan, skipping excluded, busy and away advisors', () => {
    const index = new AdvisorIndex();
    const codes = ['3381', '3382', '3312', '33', '3421', '65', 'C', '2927', '1811'];
    for (let i = 0; i < 500; i++) index.upsert(entry(`a${i}`, [codes[i % codes.length]!], { ratingSum: (i % 5) + 1, ratingCount: 1, lastAssignedAt: i * 1000 }));
    index.upsert(entry('busy', ['3381'], { ratingSum: 50, ratingCount: 10, openSessions: 2 }));
    index.upsert(entry('away', ['3381'], { ratingSum: 50, ratingCount: 10, status: 'away' }));
    for (const industry of ['3381', '3421', '2927', '13', '1811']) {
      const r = { industry, topics: [], language: 'zh-CN' as const, ...industryKeysOf(industry) };
      const fast = index.best(r, new Set(['a0']), NOW);
      const slow = index.bestLinear(r, new Set(['a0']), NOW);
      expect(fast?.score).toBe(slow?.score);
      expect(fast?.entry.userId).toBe(slow?.entry.userId);
      expect(['busy', 'away', 'a0']).not.toContain(fast?.entry.userId);
    }
  });

  it('returns exactly the linear scan\'s best (same advisor, same score) over random advisors, topics and codes', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const codes = INDUSTRIES.map((n) => n.code);
    const topics = ['出海', '融资', '数字化', '品牌', '供应链'];
    // ratings are 1–5 each, so the sum lies between count and 5 × count
    const rated = (ratingCount: number, r: number) => ({ ratingCount, ratingSum: ratingCount + Math.floor(r * 4 * ratingCount) });
    const index = new AdvisorIndex();
    for (let i = 0; i < 3000; i++) {
      const own = new Set([pick(topics), pick(topics)].slice(0, 1 + Math.floor(rand() * 2)));
      index.upsert(entry(`a${String(i).padStart(4, '0')}`, Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(codes)), {
        topics: own, capacity: 2, openSessions: Math.floor(rand() * 3), ...rated(Math.floor(rand() * 6), rand()),
        lastAssignedAt: rand() < 0.5 ? 0 : NOW - Math.floor(rand() * 7_200_000), languages: rand() < 0.9 ? ['zh-CN'] : ['en'],
      }));
    }
    const exclude = new Set(['a0001', 'a0002']);
    for (let k = 0; k < 400; k++) {
      const industry = pick(codes);
      const r = { industry, topics: [pick(topics), pick(topics)].slice(0, Math.floor(rand() * 3)), language: 'zh-CN' as const, ...industryKeysOf(industry) };
      const fast = index.best(r, exclude, NOW);
      const slow = index.bestLinear(r, exclude, NOW);
      expect({ id: fast?.entry.userId, score: fast?.score }, `${industry} ${r.topics.join(',')}`).toEqual({ id: slow?.entry.userId, score: slow?.score });
    }
  });

  it('reaches section-only advisors and topic matches by widening, and forgets removed advisors', () => {
    const index = new AdvisorIndex();
    index.upsert(entry('section', ['C']));
    index.upsert(entry('topic', ['65'], { topics: new Set(['出海']) }));
    const r = { industry: '3381', topics: [], language: 'zh-CN' as const, ...industryKeysOf('3381') };
    expect(index.best(r, new Set(), NOW)?.entry.userId).toBe('section');
    expect(index.best({ ...r, industry: '65', topics: ['出海'], ...industryKeysOf('0111') }, new Set(), NOW)?.entry.userId).toBe('topic');
    index.remove('section');
    expect(index.best(r, new Set(), NOW)).toBeNull();
    expect(index.freeCapacity()).toEqual({ free: 2, total: 2 });
  });
});

const industryKeysOf = industryKeys;

describe('estimateWait', () => {
  it('is unknown with nobody online and grows with the position per seat', () => {
    expect(estimateWait(1, 0, 600)).toBeNull();
    expect(estimateWait(1, 2, 600)).toBe(600);
    expect(estimateWait(3, 2, 600)).toBe(1200);
  });
});
