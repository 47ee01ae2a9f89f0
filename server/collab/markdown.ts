/** Renders the Tiptap document of a Yjs state to Markdown (export of submissions). */
import * as Y from 'yjs';
import { plainText, safeUrl, withFragment } from './render';

type Delta = { insert: string | object; attributes?: Record<string, unknown> }[];
type Node = Y.XmlElement | Y.XmlText;

/** Escapes what Markdown would read as syntax in running text. */
const escMd = (s: string) => s.replace(/([\\`*_[\]<>#|])/g, '\\$1');

function inline(n: Node): string {
  if (n instanceof Y.XmlText) {
    return (n.toDelta() as Delta)
      .map(({ insert, attributes: a = {} }) => {
        if (typeof insert !== 'string') return '';
        let s = a.code ? `\`${insert.replace(/`/g, 'ˋ')}\`` : escMd(insert);
        if (a.bold) s = `**${s}**`;
        if (a.italic) s = `*${s}*`;
        if (a.strike) s = `~~${s}~~`;
        const href = safeUrl((a.link as { href?: unknown } | undefined)?.href, true);
        return href ? `[${s}](${href.replace(/\)/g, '%29')})` : s;
      })
      .join('');
  }
  if (n.nodeName === 'hardBreak') return '  \n';
  if (n.nodeName === 'image') {
    const src = safeUrl(n.getAttribute('src'));
    return src ? `![${escMd(String(n.getAttribute('alt') ?? ''))}](${src})` : '';
  }
  return n.toArray().map((c) => inline(c as Node)).join('');
}

function block(n: Node, indent = ''): string {
  if (n instanceof Y.XmlText) return indent + inline(n);
  const kids = n.toArray() as Node[];
  switch (n.nodeName) {
    case 'heading':
      return `${'#'.repeat(Math.min(6, Math.max(1, Number(n.getAttribute('level')) || 1)))} ${inline(n)}`;
    case 'paragraph':
      return indent + inline(n);
    case 'blockquote':
      return kids.map((k) => block(k)).join('\n\n').split('\n').map((l) => `> ${l}`).join('\n');
    case 'codeBlock':
      return `\`\`\`${String(n.getAttribute('language') ?? '')}\n${plainText(n)}\n\`\`\``;
    case 'horizontalRule':
      return '---';
    case 'image':
      return indent + inline(n);
    case 'bulletList':
    case 'orderedList':
      return kids
        .map((item, i) => {
          const marker = n.nodeName === 'bulletList' ? '- ' : `${i + 1}. `;
          const body = (item instanceof Y.XmlElement ? (item.toArray() as Node[]) : [item]).map((k) => block(k, indent + '   ')).join('\n');
          return indent + marker + body.trimStart();
        })
        .join('\n');
    case 'table': {
      const rows = kids.map((r) => (r as Y.XmlElement).toArray().map((c) => inline(c as Node).replace(/\n/g, ' ')));
      const width = Math.max(1, ...rows.map((r) => r.length));
      const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
      return [line(rows[0] ?? []), line(Array(width).fill('---')), ...rows.slice(1).map(line)].join('\n');
    }
    default:
      return kids.map((k) => block(k, indent)).join('\n\n');
  }
}

/** Markdown of a document state. */
export function renderMarkdown(state: Uint8Array): string {
  return withFragment(state, (f) => (f.toArray() as Node[]).map((n) => block(n)).filter((b) => b.trim() !== '').join('\n\n') + '\n');
}
