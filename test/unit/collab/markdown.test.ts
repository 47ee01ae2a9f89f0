import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { codeSpan, renderMarkdown } from '../../../server/collab/markdown';

type Kid = Y.XmlElement | Y.XmlText;
/** Yjs accepts a hook in an XML fragment though its types do not say so; a client can send one. */
const hook = () => new Y.XmlHook('hook') as unknown as Y.XmlElement;
const el = (name: string, kids: Kid[] = [], attrs: Record<string, unknown> = {}) => {
  const e = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v as string);
  e.insert(0, kids);
  return e;
};
/** A Y.XmlText made of runs, each with its marks (as y-tiptap writes them). */
const text = (...runs: [string, Record<string, unknown>?][]) => {
  const t = new Y.XmlText();
  t.applyDelta(runs.map(([insert, attributes]) => ({ insert, attributes }))); // queued in order until the text joins a doc
  return t;
};
const p = (...runs: [string, Record<string, unknown>?][]) => el('paragraph', [text(...runs)]);

/** The Markdown of a document whose fragment holds `blocks`. */
function md(...blocks: Kid[]): string {
  const doc = new Y.Doc();
  doc.getXmlFragment('default').insert(0, blocks);
  return renderMarkdown(Y.encodeStateAsUpdate(doc));
}

describe('Markdown export of a document', () => {
  it('keeps inline code verbatim, backticks included, inside a longer fence', () => {
    expect(md(p(['run ', {}], ['a`b', { code: {} }]))).toBe('run ``a`b``\n');
    expect(md(p(['`x', { code: {} }]))).toBe('`` `x ``\n');
    expect(md(p(['a*b_c<d>', { code: {} }]))).toBe('`a*b_c<d>`\n');
    expect(codeSpan('`` and `')).toBe('``` `` and ` ```');
  });

  it('keeps underline visible, beside bold, italic and strike', () => {
    const out = md(p(['下划线', { underline: {} }], [' 粗', { bold: {} }], [' 斜', { italic: {} }], [' 删', { strike: {} }]));
    expect(out).toContain('<u>下划线</u>');
    expect(out).toContain('** 粗**');
    expect(out).toContain('_ 斜_');
    expect(out).toContain('~~ 删~~');
  });

  it('fences a code block longer than any backtick run in it and keeps only a plain language name', () => {
    const out = md(el('codeBlock', [text(['```\n# not a heading\n```'])], { language: 'ts\n# injected' }));
    expect(out).toBe('````ts#injected\n```\n# not a heading\n```\n````\n');
  });

  it('escapes text that would otherwise start a block or a link', () => {
    const out = md(p(['- not a list']), p(['1. not ordered']), p(['    not code']), p(['# not a heading [x](javascript:alert(1)) <b>']));
    expect(out).toBe('\\- not a list\n\n1\\. not ordered\n\nnot code\n\n\\# not a heading \\[x\\](javascript:alert(1)) \\<b\\>\n');
  });

  it('escapes the line after a hard break as well', () => {
    const out = md(el('paragraph', [text(['a']), el('hardBreak'), text(['- b']), el('hardBreak'), text(['=== c'])]));
    expect(out).toBe('a\\\n\\- b\\\n\\=== c\n');
  });

  it('keeps http(s) and mailto link targets, encoded so they cannot end early; other links keep their text only', () => {
    const out = md(p(['ok', { link: { href: 'https://example.com/a_(b)' } }], [' mail', { link: { href: 'mailto:a@b.c?subject=x y' } }], [' bad', { link: { href: 'javascript:alert(1)' } }]));
    expect(out).toBe('[ok](https://example.com/a_%28b%29)[ mail](mailto:a@b.c?subject=x%20y) bad\n');
  });

  it('indents nested lists and numbers ordered lists from their start', () => {
    const out = md(
      el('bulletList', [el('listItem', [p(['a']), el('bulletList', [el('listItem', [p(['b'])])])])]),
      el('orderedList', [el('listItem', [p(['x'])]), el('listItem', [p(['y']), p(['y2'])])], { start: 3 }),
    );
    expect(out).toBe('- a\n  - b\n\n3. x\n4. y\n\n   y2\n');
  });

  it('keeps tables rectangular with pipes and line breaks inside cells', () => {
    const cell = (name: string, ...kids: Kid[]) => el(name, kids);
    const out = md(
      el('table', [
        el('tableRow', [cell('tableHeader', p(['A|1'])), cell('tableHeader', p(['B']))]),
        el('tableRow', [el('tableCell', [p(['x|y', { code: {} }])], { colspan: 2 })]),
        el('tableRow', [cell('tableCell', el('paragraph', [text(['1']), el('hardBreak'), text(['2'])]))]),
      ]),
    );
    expect(out).toBe('| A\\|1 | B |\n| --- | --- |\n| `x\\|y` |  |\n| 1<br>2 |  |\n');
  });

  it('never throws on what a client may write, and keeps the text', () => {
    const out = md(
      text(['loose text']),
      hook(),
      el('iframe', [p(['inside unknown'])], { src: 'javascript:x' }),
      p(['marked', { comment: { id: 1 }, bold: true }]),
      el('heading', [text(['h'])], { level: '<script>', onclick: 'x' }),
      el('table', [p(['odd table'])]),
      el('image', [], { src: 'javascript:alert(1)', alt: 'x' }),
    );
    expect(out).toContain('loose text');
    expect(out).toContain('inside unknown');
    expect(out).toContain('**marked**');
    expect(out).toContain('## h');
    expect(out).toContain('odd table');
    expect(out).not.toContain('javascript:');
    expect(md()).toBe('');
  });
});
