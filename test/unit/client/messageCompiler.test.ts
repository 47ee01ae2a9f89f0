/**
 * The app's own message compiler (client/i18n/compile.ts, installed so that vue-i18n's
 * compiler stays out of the bundle) renders every message of both locales exactly as
 * vue-i18n's compiler does, with values for each placeholder.
 */
import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { compileMessage } from '../../../client/i18n/compile';
import en from '../../../client/i18n/en';
import zhCN from '../../../client/i18n/zh-CN';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`)));
}

const translators = (messages: Tree) => {
  const reference = createI18n({ legacy: false, locale: 'x', messages: { x: messages } }).global;
  const ours = createI18n({ legacy: false, locale: 'x', messages: { x: messages }, messageCompiler: compileMessage }).global;
  return { reference, ours };
};

describe.each([
  ['zh-CN', zhCN as unknown as Tree],
  ['en', en as unknown as Tree],
])('every %s message', (_locale, messages) => {
  it('comes out as vue-i18n compiles it, placeholders filled', () => {
    const { reference, ours } = translators(messages);
    const all = leaves(messages);
    expect(all.length).toBeGreaterThan(300);
    for (const [key, text] of all) {
      const values = Object.fromEntries([...text.matchAll(/\{\s*([^{}\s]+)\s*\}/g)].map((m) => [m[1]!, `«${m[1]}»`]));
      expect(ours.t(key, values), key).toBe(reference.t(key, values));
    }
  });
});

describe('the compiler', () => {
  it('fills named placeholders and leaves the rest as written', () => {
    const { ours } = translators({ a: '共 {n} 条，{ who }说', b: 'no placeholders: 100%' });
    expect(ours.t('a', { n: 3, who: '张三' })).toBe('共 3 条，张三说');
    expect(ours.t('b')).toBe('no placeholders: 100%');
  });

  it('is the one the reference check would catch: a plural message differs', () => {
    const { reference, ours } = translators({ p: 'one | many' });
    expect(ours.t('p', 2)).not.toBe(reference.t('p', 2));
  });
});
