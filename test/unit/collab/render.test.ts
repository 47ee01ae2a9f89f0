import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../server/collab/markdown';
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import { renderHtml, safeUrl } from '../../../server/collab/render';
import { editorSchema, loadDocument } from '../../../server/collab/schema';

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

  it('renders from the editor schema: every mark, merged cells and list starts survive', () => {
    const doc = new Y.Doc();
    const t = new Y.XmlText();
    const cell = new Y.XmlElement('tableCell');
    const table = new Y.XmlElement('table');
    const row = new Y.XmlElement('tableRow');
    const list = new Y.XmlElement('orderedList');
    const item = new Y.XmlElement('listItem');
    const para = new Y.XmlElement('paragraph');
    doc.getXmlFragment('default').insert(0, [para, table, list]);
    para.insert(0, [t]);
    t.applyDelta([{ insert: 'u', attributes: { underline: {} } }, { insert: 'a`b', attributes: { code: {} } }, { insert: 's', attributes: { strike: {} } }]);
    table.insert(0, [row]);
    row.insert(0, [cell]);
    cell.setAttribute('colspan', 2 as unknown as string);
    cell.insert(0, [new Y.XmlElement('paragraph')]);
    (cell.get(0) as Y.XmlElement).insert(0, [new Y.XmlText('merged')]);
    list.setAttribute('start', 3 as unknown as string);
    list.insert(0, [item]);
    item.insert(0, [new Y.XmlElement('paragraph')]);
    (item.get(0) as Y.XmlElement).insert(0, [new Y.XmlText('third')]);
    const html = renderHtml(Y.encodeStateAsUpdate(doc));
    expect(html).toContain('<p><u>u</u><code>a`b</code><s>s</s></p>');
    expect(html).toContain('<table><tr><td colspan="2"><p>merged</p></td></tr></table>');
    expect(html).toContain('<ol start="3"><li><p>third</p></li></ol>');
  });

  it('drops attributes the policy does not allow and never throws on what a client may write', () => {
    const doc = new Y.Doc();
    const frag = doc.getXmlFragment('default');
    const para = new Y.XmlElement('paragraph');
    const img = new Y.XmlElement('image');
    const loose = new Y.XmlText();
    frag.insert(0, [loose, new Y.XmlHook('hook') as unknown as Y.XmlElement, para, img]); // a hook is legal Yjs, though untyped here
    loose.applyDelta([{ insert: 'loose' }, { insert: { embed: true } }, { insert: ' text', attributes: { comment: { id: 1 } } }]);
    para.setAttribute('onclick', 'alert(1)');
    para.insert(0, [new Y.XmlText()]);
    (para.get(0) as Y.XmlText).applyDelta([{ insert: 'link', attributes: { link: { href: 'https://example.com/', rel: 'opener', class: 'x', onmouseover: 'y' } } }]);
    img.setAttribute('src', 'https://example.com/i.png');
    img.setAttribute('onerror', 'alert(1)');
    const html = renderHtml(Y.encodeStateAsUpdate(doc));
    expect(html).toBe('<p>loose text</p><p><a href="https://example.com/" rel="noopener noreferrer nofollow" target="_blank">link</a></p><img src="https://example.com/i.png" alt="">');
  });

  it('reads back exactly the document the editor wrote through y-tiptap', () => {
    const t = (text: string, ...marks: { type: string; attrs?: Record<string, unknown> }[]) => ({ type: 'text', text, ...(marks.length ? { marks } : {}) });
    const para = (...content: object[]) => ({ type: 'paragraph', content });
    const cell = (type: string, text: string, colspan = 1) => ({ type, attrs: { colspan, rowspan: 1, colwidth: null, align: null }, content: [para(t(text))] });
    const json = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 3 }, content: [t('标题')] },
        para(t('a'), t('b', { type: 'bold' }, { type: 'underline' }), t('c`d', { type: 'code' }), { type: 'hardBreak' }, t('l', { type: 'link', attrs: { href: 'https://e.test/', target: '_blank', rel: 'noopener noreferrer nofollow', class: null, title: null } })),
        { type: 'orderedList', attrs: { start: 2, type: null }, content: [{ type: 'listItem', content: [para(t('x')), { type: 'bulletList', content: [{ type: 'listItem', content: [para(t('y'))] }] }] }] },
        { type: 'table', content: [{ type: 'tableRow', content: [cell('tableHeader', 'A'), cell('tableHeader', 'B')] }, { type: 'tableRow', content: [cell('tableCell', 'AB', 2)] }] },
        { type: 'codeBlock', attrs: { language: 'ts' }, content: [t('let a = 1;')] },
        { type: 'blockquote', content: [para(t('q'))] },
        { type: 'horizontalRule' },
        { type: 'image', attrs: { src: 'https://e.test/i.png', alt: 'i', title: null, width: null, height: null } },
      ],
    };
    const state = Y.encodeStateAsUpdate(prosemirrorJSONToYDoc(editorSchema, json, 'default'));
    expect(loadDocument(state).toJSON()).toEqual(editorSchema.nodeFromJSON(json).toJSON());
  });

  it('lets only http(s) (and mailto for links) through', () => {
    expect(safeUrl('https://a.example/x')).toBe('https://a.example/x');
    expect(safeUrl('mailto:a@b.c')).toBeNull();
    expect(safeUrl('mailto:a@b.c', true)).toBe('mailto:a@b.c');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', ' JAVASCRIPT:x', 'vbscript:x', '//evil', 42]) expect(safeUrl(bad, true)).toBeNull();
  });
});
