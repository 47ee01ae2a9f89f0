/**
 * Renders the Tiptap document held in a Y.XmlFragment to HTML and Markdown without a DOM: the
 * element names are ProseMirror node names and text marks are Y.XmlText attributes (as
 * y-tiptap writes them). Only known nodes and marks are emitted, all text and attributes are
 * escaped, and link/image URLs must be http(s) (links also mailto:), so the output is safe to
 * show as-is.
 */
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../shared/schemas/workspace';

type Delta = { insert: string | object; attributes?: Record<string, unknown> }[];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The URL if it is one we let through, else null. */
export function safeUrl(raw: unknown, allowMailto = false): string | null {
  if (typeof raw !== 'string') return null;
  try {
    const u = new URL(raw.trim());
    return u.protocol === 'https:' || u.protocol === 'http:' || (allowMailto && u.protocol === 'mailto:') ? u.href : null;
  } catch {
    return null;
  }
}

const BLOCK: Record<string, string> = { paragraph: 'p', blockquote: 'blockquote', bulletList: 'ul', listItem: 'li', table: 'table', tableRow: 'tr', tableHeader: 'th', tableCell: 'td' };

function textHtml(t: Y.XmlText): string {
  return (t.toDelta() as Delta)
    .map(({ insert, attributes: a = {} }) => {
      if (typeof insert !== 'string') return '';
      let s = esc(insert);
      if (a.code) s = `<code>${s}</code>`;
      if (a.bold) s = `<strong>${s}</strong>`;
      if (a.italic) s = `<em>${s}</em>`;
      if (a.underline) s = `<u>${s}</u>`;
      if (a.strike) s = `<s>${s}</s>`;
      const href = safeUrl((a.link as { href?: unknown } | undefined)?.href, true);
      if (href) s = `<a href="${esc(href)}" rel="noopener noreferrer nofollow" target="_blank">${s}</a>`;
      return s;
    })
    .join('');
}

function nodeHtml(n: Y.XmlElement | Y.XmlText): string {
  if (n instanceof Y.XmlText) return textHtml(n);
  const inner = () => n.toArray().map((c) => nodeHtml(c as Y.XmlElement | Y.XmlText)).join('');
  const name = n.nodeName;
  if (name === 'heading') {
    const level = Math.min(6, Math.max(1, Number(n.getAttribute('level')) || 1));
    return `<h${level}>${inner()}</h${level}>`;
  }
  if (name === 'orderedList') {
    const start = Number(n.getAttribute('start')) || 1;
    return `<ol${start !== 1 ? ` start="${start}"` : ''}>${inner()}</ol>`;
  }
  if (name === 'codeBlock') return `<pre><code>${esc(plainText(n))}</code></pre>`;
  if (name === 'horizontalRule') return '<hr>';
  if (name === 'hardBreak') return '<br>';
  if (name === 'image') {
    const src = safeUrl(n.getAttribute('src'));
    return src ? `<img src="${esc(src)}" alt="${esc(String(n.getAttribute('alt') ?? ''))}">` : '';
  }
  const tag = BLOCK[name];
  return tag ? `<${tag}>${inner()}</${tag}>` : inner(); // unknown wrappers keep their content only
}

/** The document's plain text (code blocks, search, quotes). */
export function plainText(n: Y.XmlElement | Y.XmlFragment | Y.XmlText): string {
  if (n instanceof Y.XmlText) return (n.toDelta() as Delta).map((d) => (typeof d.insert === 'string' ? d.insert : '')).join('');
  return n.toArray().map((c) => plainText(c as Y.XmlElement | Y.XmlText)).join(n instanceof Y.XmlElement && n.nodeName === 'codeBlock' ? '' : '\n');
}

/** Safe HTML of a document state (a `Y.encodeStateAsUpdate`). */
export function renderHtml(state: Uint8Array): string {
  return withFragment(state, (f) => f.toArray().map((c) => nodeHtml(c as Y.XmlElement | Y.XmlText)).join('\n'));
}

/** Runs `fn` on the rich-text fragment of a state loaded into a throwaway doc. */
export function withFragment<T>(state: Uint8Array, fn: (fragment: Y.XmlFragment) => T): T {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return fn(doc.getXmlFragment(DOCUMENT_FIELD));
  } finally {
    doc.destroy();
  }
}
