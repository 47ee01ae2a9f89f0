import { describe, it, expect } from 'vitest';
import {
  INDUSTRIES,
  IndustryCode,
  MAX_INDUSTRY_PROXIMITY,
  bestProximity,
  industryByCode,
  industryLabel,
  industryOptions,
  industryPath,
  industryProximity,
  normalizeIndustryCode,
  proximityScore,
  type IndustryOption,
} from '../../../shared/industry';

const sections = INDUSTRIES.filter((n) => n.level === 'section');
const divisions = INDUSTRIES.filter((n) => n.level === 'division');

describe('the GB/T 4754-2017 taxonomy', () => {
  it('has exactly the 20 sections A–T', () => {
    expect(sections.map((n) => n.code)).toEqual('ABCDEFGHIJKLMNOPQRST'.split(''));
    for (const s of sections) {
      expect(s.parent).toBeNull();
      expect(s.section).toBe(s.code);
    }
  });

  it('has exactly the 97 divisions 01–97, each under a section', () => {
    expect(divisions).toHaveLength(97);
    expect(divisions.map((n) => n.code)).toEqual(
      Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    for (const d of divisions) expect(d.parent).toBe(d.section);
  });

  it.each([
    ['01', 'A', '农业'],
    ['06', 'B', '煤炭开采和洗选业'],
    ['13', 'C', '农副食品加工业'],
    ['33', 'C', '金属制品业'],
    ['43', 'C', '金属制品、机械和设备修理业'],
    ['44', 'D', '电力、热力生产和供应业'],
    ['65', 'I', '软件和信息技术服务业'],
    ['72', 'L', '商务服务业'],
    ['83', 'P', '教育'],
    ['97', 'T', '国际组织'],
  ])('division %s belongs to section %s (%s)', (code, section, nameZh) => {
    const node = industryByCode(code);
    expect(node?.section).toBe(section);
    expect(node?.nameZh).toBe(nameZh);
  });

  it('counts divisions per section as the standard does', () => {
    const perSection = new Map<string, number>();
    for (const d of divisions) perSection.set(d.section, (perSection.get(d.section) ?? 0) + 1);
    expect(perSection.get('A')).toBe(5);
    expect(perSection.get('B')).toBe(7);
    expect(perSection.get('C')).toBe(31);
    expect(perSection.get('G')).toBe(8);
    expect(perSection.get('S')).toBe(6);
    expect(perSection.get('T')).toBe(1);
  });

  it('names every node in Chinese and English', () => {
    for (const n of INDUSTRIES) {
      expect(n.nameZh, n.code).toMatch(/\p{Script=Han}/u);
      expect(n.nameEn, n.code).toMatch(/^[A-Z0-9]/);
      expect(n.nameEn, n.code).not.toMatch(/\p{Script=Han}/u);
    }
  });

  it('has unique codes whose parents exist and are one level up', () => {
    const codes = INDUSTRIES.map((n) => n.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const n of INDUSTRIES) {
      if (n.level === 'group' || n.level === 'class') {
        expect(n.parent, n.code).toBe(n.code.slice(0, -1));
        expect(industryByCode(n.parent ?? '')?.section, n.code).toBe(n.section);
      }
      expect(n.level).toBe(
        { 1: 'section', 2: 'division', 3: 'group', 4: 'class' }[n.code.length],
      );
    }
  });

  it.each([
    ['3381', 'class', '338', '金属制厨房用器具制造'],
    ['3382', 'class', '338', '金属制餐具和器皿制造'],
    ['332', 'group', '33', '金属工具制造'],
    ['3321', 'class', '332', '切削工具制造'],
    ['3312', 'class', '331', '金属门窗制造'],
    ['3670', 'class', '367', '汽车零部件及配件制造'],
    ['3751', 'class', '375', '摩托车整车制造'],
    ['292', 'group', '29', '塑料制品业'],
    ['6513', 'class', '651', '应用软件开发'],
    ['6560', 'class', '656', '信息技术咨询服务'],
    ['7243', 'class', '724', '社会经济咨询'],
    ['7491', 'class', '749', '工业设计服务'],
  ])('lists %s as a %s under %s (%s)', (code, level, parent, nameZh) => {
    expect(industryByCode(code)).toMatchObject({ code, level, parent, nameZh });
  });

  it('is ordered depth-first and frozen', () => {
    const c = INDUSTRIES.findIndex((n) => n.code === 'C');
    const d13 = INDUSTRIES.findIndex((n) => n.code === '13');
    const g338 = INDUSTRIES.findIndex((n) => n.code === '338');
    const c3381 = INDUSTRIES.findIndex((n) => n.code === '3381');
    const d34 = INDUSTRIES.findIndex((n) => n.code === '34');
    expect(c).toBeLessThan(d13);
    expect(g338).toBe(c3381 - 1);
    expect(c3381).toBeLessThan(d34);
    expect(Object.isFrozen(INDUSTRIES)).toBe(true);
    expect(Object.isFrozen(INDUSTRIES[0])).toBe(true);
  });
});

describe('normalizeIndustryCode', () => {
  it('keeps canonical codes', () => {
    expect(normalizeIndustryCode('3381')).toBe('3381');
    expect(normalizeIndustryCode('01')).toBe('01');
    expect(normalizeIndustryCode('C')).toBe('C');
  });

  it('strips a matching section letter, any case, and whitespace', () => {
    expect(normalizeIndustryCode('C3381')).toBe('3381');
    expect(normalizeIndustryCode(' c3381 ')).toBe('3381');
    expect(normalizeIndustryCode('I65')).toBe('65');
    expect(normalizeIndustryCode('t')).toBe('T');
  });

  it('rejects a letter that is not the code’s section', () => {
    expect(normalizeIndustryCode('A3381')).toBeNull();
    expect(normalizeIndustryCode('D13')).toBeNull();
  });

  it('rejects malformed input', () => {
    for (const bad of ['', ' ', '3', '33811', 'CC', 'C-3381', '33a1', 'U', '3381 C']) {
      expect(normalizeIndustryCode(bad), bad).toBeNull();
    }
    expect(normalizeIndustryCode(3381)).toBeNull();
    expect(normalizeIndustryCode(null)).toBeNull();
  });

  it('rejects well-formed codes that do not exist', () => {
    expect(normalizeIndustryCode('98')).toBeNull();
    expect(normalizeIndustryCode('00')).toBeNull();
    expect(normalizeIndustryCode('339')).toBeNull(); // not in the listed subset
    expect(normalizeIndustryCode('3388')).toBeNull();
  });
});

describe('IndustryCode schema', () => {
  it('accepts and canonicalises known codes', () => {
    expect(IndustryCode.parse('3381')).toBe('3381');
    expect(IndustryCode.parse('  C3381 ')).toBe('3381');
    expect(IndustryCode.parse('m')).toBe('M');
  });

  it('rejects unknown codes with one clear custom issue', () => {
    const result = IndustryCode.safeParse('9999');
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.issues).toHaveLength(1);
    const [issue] = result.error.issues;
    expect(issue?.code).toBe('custom');
    expect(issue?.message).toContain('"9999"');
    expect(issue?.message).toContain('GB/T 4754-2017');
  });

  it('rejects a wrong section prefix and non-strings', () => {
    expect(IndustryCode.safeParse('A3381').success).toBe(false);
    const notString = IndustryCode.safeParse(3381);
    expect(notString.success).toBe(false);
    if (!notString.success) expect(notString.error.issues[0]?.code).toBe('invalid_type');
  });
});

describe('industryPath', () => {
  it('runs from the section down to the node', () => {
    expect(industryPath('3381').map((n) => n.code)).toEqual(['C', '33', '338', '3381']);
    expect(industryPath('C3381').map((n) => n.code)).toEqual(['C', '33', '338', '3381']);
    expect(industryPath('65').map((n) => n.code)).toEqual(['I', '65']);
    expect(industryPath('K').map((n) => n.code)).toEqual(['K']);
  });

  it('is empty for unknown codes', () => {
    expect(industryPath('9999')).toEqual([]);
  });
});

describe('industryProximity', () => {
  it('grades 4 for the same class, in either spelling', () => {
    expect(industryProximity('3381', '3381')).toBe(4);
    expect(industryProximity('C3381', '3381')).toBe(4);
    expect(industryProximity(' c3381', '3381')).toBe(4);
  });

  it('grades 3 for the same group', () => {
    expect(industryProximity('3381', '3382')).toBe(3);
    expect(industryProximity('3321', '3322')).toBe(3);
    expect(industryProximity('338', '338')).toBe(3);
    expect(industryProximity('3670', '367')).toBe(3);
  });

  it('grades 2 for the same division', () => {
    expect(industryProximity('3381', '3321')).toBe(2);
    expect(industryProximity('3381', '33')).toBe(2);
    expect(industryProximity('33', '33')).toBe(2);
    expect(industryProximity('6513', '6560')).toBe(2);
  });

  it('grades 1 for the same section', () => {
    expect(industryProximity('3381', '3670')).toBe(1);
    expect(industryProximity('3381', 'C')).toBe(1);
    expect(industryProximity('C', 'C')).toBe(1);
    expect(industryProximity('6513', '6432')).toBe(1);
    expect(industryProximity('7243', '7211')).toBe(2);
  });

  it('grades 0 for unrelated or unknown codes', () => {
    expect(industryProximity('3381', '6513')).toBe(0);
    expect(industryProximity('A', 'C')).toBe(0);
    expect(industryProximity('7243', '7491')).toBe(0); // L vs M
    expect(industryProximity('3381', '9999')).toBe(0);
    expect(industryProximity('9999', '9999')).toBe(0);
    expect(industryProximity('3381', null)).toBe(0);
    expect(industryProximity(undefined, '3381')).toBe(0);
  });

  it('is symmetric over every pair of a sample', () => {
    const sample = ['C', 'I', '33', '34', '338', '332', '3381', '3382', '3321', '3670', '6513', '65', '9999'];
    for (const a of sample) {
      for (const b of sample) expect(industryProximity(a, b), `${a}/${b}`).toBe(industryProximity(b, a));
    }
  });

  it('equals the length of the common prefix of the two paths', () => {
    const codes = INDUSTRIES.map((n) => n.code).filter((_, i) => i % 7 === 0);
    for (const a of codes) {
      for (const b of codes) {
        const pa = industryPath(a);
        const pb = industryPath(b);
        let shared = 0;
        while (shared < pa.length && shared < pb.length && pa[shared] === pb[shared]) shared++;
        expect(industryProximity(a, b), `${a}/${b}`).toBe(shared);
      }
    }
  });
});

describe('proximityScore and bestProximity', () => {
  it('scales the grade to [0, 1]', () => {
    expect(MAX_INDUSTRY_PROXIMITY).toBe(4);
    expect(proximityScore('3381', '3381')).toBe(1);
    expect(proximityScore('3381', '3382')).toBe(0.75);
    expect(proximityScore('3381', '3321')).toBe(0.5);
    expect(proximityScore('3381', '3670')).toBe(0.25);
    expect(proximityScore('3381', '6513')).toBe(0);
  });

  it('takes the best grade over a list', () => {
    expect(bestProximity('3381', [])).toBe(0);
    expect(bestProximity('3381', ['6513', '3670', '3321'])).toBe(2);
    expect(bestProximity('3381', ['6513', 'C3382', '9999'])).toBe(3);
    expect(bestProximity('3381', ['6513', '3382', '3381'])).toBe(4);
    expect(bestProximity('33', ['3381', '3382'])).toBe(2);
    expect(bestProximity('9999', ['3381'])).toBe(0);
    expect(bestProximity('3381', [null, undefined, 'C'])).toBe(1);
  });
});

describe('industryLabel', () => {
  it('names a code in the locale', () => {
    expect(industryLabel('3381', 'zh-CN')).toBe('金属制厨房用器具制造');
    expect(industryLabel('3381', 'en')).toBe('Manufacture of metal kitchen utensils');
    expect(industryLabel('C', 'zh-CN')).toBe('制造业');
    expect(industryLabel('C', 'en')).toBe('Manufacturing');
    expect(industryLabel('I6513', 'zh-CN')).toBe('应用软件开发');
  });

  it('falls back to the code itself when unknown', () => {
    expect(industryLabel(' 9999 ', 'en')).toBe('9999');
  });
});

describe('industryOptions', () => {
  const countNodes = (options: IndustryOption[]): number =>
    options.reduce((sum, o) => sum + 1 + countNodes(o.children ?? []), 0);

  it('builds a section → division → group → class tree', () => {
    const zh = industryOptions('zh-CN');
    expect(zh.map((o) => o.value)).toEqual(sections.map((n) => n.code));
    expect(countNodes(zh)).toBe(INDUSTRIES.length);

    const c = zh.find((o) => o.value === 'C');
    expect(c?.label).toBe('制造业');
    expect(c?.children).toHaveLength(31);
    const d33 = c?.children?.find((o) => o.value === '33');
    const g338 = d33?.children?.find((o) => o.value === '338');
    expect(g338?.children?.map((o) => o.value)).toEqual(['3381', '3382', '3383', '3389']);
    const leaf = g338?.children?.[0];
    expect(leaf).toEqual({ value: '3381', label: '金属制厨房用器具制造' });
    expect(leaf && 'children' in leaf).toBe(false);

    const t = zh.find((o) => o.value === 'T');
    expect(t?.children).toEqual([{ value: '97', label: '国际组织' }]);
  });

  it('labels in English and returns a fresh tree each call', () => {
    const en = industryOptions('en');
    expect(en.find((o) => o.value === 'I')?.label).toBe(
      'Information transmission, software and information technology services',
    );
    const first = en[0];
    if (first) first.label = 'changed';
    expect(industryOptions('en')[0]?.label).toBe('Agriculture, forestry, animal husbandry and fishery');
  });
});
