/**
 * Renders the Tiptap document of a Yjs state to CommonMark (+ GFM tables and strikethrough) with
 * Tiptap's static Markdown renderer on the editor's own schema (./schema). Its stock mappings
 * are a sketch (raw text, raw URLs, unindented nested lists), so every node that can carry text
 * or a URL is mapped here: text is escaped so it never turns into syntax, inline code keeps its
 * backticks inside a longer fence, underline stays visible as `<u>`, and links/images keep only
 * http(s) (links also mailto:) URLs.
 */
import type { Node as PMNode } from '@tiptap/pm/model';
import { renderToMarkdown } from '@tiptap/static-renderer/pm/markdown';
import { safeUrl } from './render';
import { editorExtensions, loadDocument } from './schema';

type Children = string | string[] | undefined;
type Options = NonNullable<Parameters<typeof renderToMarkdown>[0]['options']>;

const parts = (c: Children) => ([] as string[]).concat(c ?? []).filter((s) => s !== '');
const inline = (c: Children) => parts(c).join('');
const blocks = (c: Children) => parts(c).join('\n\n');

/** Escapes what Markdown would read as syntax in running text; a newline is only whitespace there. */
export const escapeMarkdown = (s: string) => s.replace(/[\r\n]+/g, ' ').replace(/([\\`*_[\]<>#|~&])/g, '\\$1');

/**
 * A line of a paragraph: what would start a block (list marker, setext underline, indented
 * code) is escaped; `#`, `>` and fences are already escaped in the text.
 */
const lineStart = (l: string) =>
  l
    .replace(/^[ \t]+/, '')
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');

/** One line of plain text that reads as text wherever it lands in Markdown, even at the start of a line. */
export const markdownLine = (s: string) => lineStart(escapeMarkdown(s.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').trim()));

/** A CommonMark code span: a fence longer than any run of backticks inside, padded where needed. */
export function codeSpan(text: string): string {
  const code = text.replace(/[\r\n]+/g, ' ');
  const runs = new Set((code.match(/`+/g) ?? []).map((r) => r.length));
  let n = 1;
  while (runs.has(n)) n++;
  const pad = /^`|`$/.test(code) || (/^ .* $/.test(code) && code.trim() !== '') ? ' ' : '';
  return '`'.repeat(n) + pad + code + pad + '`'.repeat(n);
}

/** A URL fit for a link destination: characters that would end it or read as syntax are percent-encoded. */
const destination = (url: string) =>
  url.replace(/[\s()<>`\\]/g, (c) => (c.charCodeAt(0) < 128 ? `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : encodeURIComponent(c)));

/** Continuation lines of a list item line up under its first character. */
const indent = (text: string, width: number) =>
  text
    .split('\n')
    .map((l, i) => (i === 0 || l === '' ? l : ' '.repeat(width) + l))
    .join('\n');

/** Table columns: the widest row, counting merged cells. */
const width = (table: PMNode) => Math.max(1, ...table.children.map((row) => row.children.reduce((n, c) => n + span(c), 0)));
const span = (cell: PMNode) => Math.min(64, Math.max(1, Number(cell.attrs.colspan) || 1));

const MAPPING: Options = {
  nodeMapping: {
    doc: ({ children }) => blocks(children),
    text: ({ node }) => (node.marks.some((m) => m.type.name === 'code') ? codeSpan(node.text ?? '') : escapeMarkdown(node.text ?? '')),
    paragraph: ({ children }) => inline(children).split('\n').map(lineStart).join('\n'),
    heading: ({ node, children }) => `${'#'.repeat(Math.min(6, Math.max(1, Number(node.attrs.level) || 2)))} ${inline(children).replace(/\\?\n/g, ' ')}`,
    hardBreak: () => '\\\n',
    horizontalRule: () => '---',
    blockquote: ({ children }) =>
      blocks(children)
        .split('\n')
        .map((l) => (l ? `> ${l}` : '>'))
        .join('\n'),
    codeBlock: ({ node }) => {
      const code = node.textContent.replace(/\r\n?/g, '\n');
      const fence = '`'.repeat(Math.max(3, ...(code.match(/`+/g) ?? []).map((r) => r.length + 1)));
      const lang = String(node.attrs.language ?? '').replace(/[^\w+#.-]/g, '');
      return `${fence}${lang}\n${code}${code.endsWith('\n') || code === '' ? '' : '\n'}${fence}`;
    },
    bulletList: ({ children }) => parts(children).join('\n'),
    orderedList: ({ children }) => parts(children).join('\n'),
    listItem: ({ node, parent, children }) => {
      let marker = '- ';
      if (parent?.type.name === 'orderedList') {
        const start = Math.min(1e6, Math.max(0, Math.trunc(Number(parent.attrs.start)) || 1));
        let index = 0;
        parent.forEach((item, _offset, i) => (item === node ? (index = i) : undefined));
        marker = `${start + index}. `;
      }
      const body = parts(children).reduce((acc, b, i) => (i === 0 ? b : acc + (/^(- |\d+\. )/.test(b) ? '\n' : '\n\n') + b), '');
      return marker + indent(body, marker.length);
    },
    image: ({ node }) => {
      const src = safeUrl(node.attrs.src);
      return src ? `![${escapeMarkdown(String(node.attrs.alt ?? ''))}](${destination(src)})` : '';
    },
    table: ({ children }) => parts(children).join('\n'),
    tableHeader: ({ children }) => blocks(children),
    tableCell: ({ children }) => blocks(children),
    tableRow: ({ node, parent, children }) => {
      const rendered = ([] as string[]).concat(children ?? []);
      const cells: string[] = [];
      node.forEach((cell, _offset, i) => cells.push(oneLine(rendered[i] ?? ''), ...Array<string>(span(cell) - 1).fill('')));
      const cols = Math.max(cells.length, parent?.type.name === 'table' ? width(parent) : 1);
      while (cells.length < cols) cells.push('');
      const line = `| ${cells.join(' | ')} |`;
      return parent?.firstChild === node ? `${line}\n| ${Array<string>(cols).fill('---').join(' | ')} |` : line;
    },
  },
  markMapping: {
    code: ({ children }) => inline(children),
    link: ({ mark, children }) => {
      const href = safeUrl(mark.attrs.href, true);
      return href ? `[${inline(children)}](${destination(href)})` : inline(children);
    },
  },
};

/** A table cell on one line: its blocks and hard breaks become `<br>`, unescaped pipes are escaped. */
const oneLine = (md: string) =>
  md
    .replace(/\\\n|\n\n/g, '<br>')
    .replace(/\n/g, ' ')
    .replace(/(?<!\\)\|/g, '\\|')
    .trim();

/** Markdown of a document state (a `Y.encodeStateAsUpdate`). */
export function renderMarkdown(state: Uint8Array): string {
  const md = renderToMarkdown({ content: loadDocument(state), extensions: editorExtensions, options: MAPPING });
  return md.trim() === '' ? '' : md + '\n';
}
