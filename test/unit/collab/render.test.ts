import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../server/collab/markdown';
import { renderHtml, safeUrl } from '../../../server/collab/render';

/** A Tiptap-shaped document (as y-tiptap stores it) with hostile bits in it. */
function sample(): Uint8Array {
  const doc = new Y.Doc();
  const frag = doc.getXmlFragment('default');
  const el = (name: string, kids: (Y.XmlElement | Y.XmlText)[], attrs: Record<string, unknown> = {}) => {
    const e = new Y.XmlElement(name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v as string);
    e.insert(0, kids);
    return e;
  };
  const text = (s: string, marks?: Record<string, unknown>) => {
    const t = new Y.XmlText();
    t.insert(0, s, marks);
    return t;
  };
  frag.insert(0, [
    el('heading', [text('标题 <script>')], { level: 2 }),
    el('paragraph', [text('x')]),
    el('bulletList', [el('listItem', [el('paragraph', [text('一')])]), el('listItem', [el('paragraph', [text('二')])])]),
    el('table', [el('tableRow', [el('tableHeader', [el('paragraph', [text('A')])]), el('tableHeader', [el('paragraph', [text('B')])])]), el('tableRow', [el('tableCell', [el('paragraph', [text('1')])]), el('tableCell', [el('paragraph', [text('2')])])])]),
    el('codeBlock', [text('const a = 1 < 2;')], { language: 'ts' }),
    el('image', [], { src: 'javascript:alert(1)', alt: 'x' }),
    el('image', [], { src: 'https://example.com/a.png', alt: 'ok"><b>' }),
    el('iframe', [text('kept as text only')]),
  ]);
  const p = frag.get(1) as Y.XmlElement;
  const t = p.get(0) as Y.XmlText;
  t.insert(1, ' bold', { bold: {} });
  t.insert(t.length, ' bad', { link: { href: 'javascript:alert(1)' } });
  t.insert(t.length, ' good', { link: { href: 'https://example.com/?q=1&r=2' } });
  return Y.encodeStateAsUpdate(doc);
}

describe('document rendering', () => {
  it('renders known nodes and marks to escaped, whitelisted HTML', () => {
    const html = renderHtml(sample());
    expect(html).toContain('<h2>标题 &lt;script&gt;</h2>');
    expect(html).toContain('<strong> bold</strong>');
    expect(html).toContain('<ul><li><p>一</p></li><li><p>二</p></li></ul>');
    expect(html).toContain('<table><tr><th><p>A</p></th><th><p>B</p></th></tr><tr><td><p>1</p></td><td><p>2</p></td></tr></table>');
    expect(html).toContain('<pre><code>const a = 1 &lt; 2;</code></pre>');
    expect(html).toContain('<a href="https://example.com/?q=1&amp;r=2" rel="noopener noreferrer nofollow" target="_blank"> good</a>');
    expect(html).toContain('<img src="https://example.com/a.png" alt="ok&quot;&gt;&lt;b&gt;">');
    expect(html).not.toMatch(/javascript:|<script|<iframe/);
    expect(html).toContain('kept as text only');
  });

  it('renders Markdown with lists, tables, code and safe links only', () => {
    const md = renderMarkdown(sample());
    expect(md).toContain('## 标题 \\<script\\>');
    expect(md).toContain('x** bold**');
    expect(md).toContain('- 一\n- 二');
    expect(md).toContain('| A | B |\n| --- | --- |\n| 1 | 2 |');
    expect(md).toContain('```ts\nconst a = 1 < 2;\n```');
    expect(md).toContain('[ good](https://example.com/?q=1&r=2)');
    expect(md).toContain('![ok"\\>\\<b\\>](https://example.com/a.png)');
    expect(md).not.toContain('javascript:');
  });

  it('lets only http(s) (and mailto for links) through', () => {
    expect(safeUrl('https://a.example/x')).toBe('https://a.example/x');
    expect(safeUrl('mailto:a@b.c')).toBeNull();
    expect(safeUrl('mailto:a@b.c', true)).toBe('mailto:a@b.c');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', ' JAVASCRIPT:x', 'vbscript:x', '//evil', 42]) expect(safeUrl(bad, true)).toBeNull();
  });
});
