/**
 * Renders the Tiptap document of a Yjs state to HTML without a DOM: the document is rebuilt on
 * the editor's own schema (./schema), rendered by Tiptap's static renderer with the editor's
 * extensions, then passed through a sanitize-html policy. The policy, not the renderer, is what
 * makes the output safe to show as-is: only the tags the editor produces survive, text and
 * attributes are escaped, and link/image URLs must be http(s) (links also mailto:).
 */
import { renderToHTMLString, serializeChildrenToHTMLString } from '@tiptap/static-renderer/pm/html-string';
import sanitizeHtml from 'sanitize-html';
import { editorExtensions, loadDocument } from './schema';

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

/** A positive integer attribute value, else undefined (so the attribute is dropped). */
const count = (v: string | undefined, skip: number) => (v && /^[1-9]\d{0,3}$/.test(v) && Number(v) !== skip ? v : undefined);

const only = (attribs: Record<string, string | undefined>) => Object.fromEntries(Object.entries(attribs).filter(([, v]) => v !== undefined)) as Record<string, string>;

/**
 * What the editor's nodes and marks render to. Tables lose their layout wrappers (colgroup,
 * tbody, inline widths) so the printed export lays them out itself; code blocks lose their
 * language class. Links and images with a URL we do not allow never get here (see MAPPING), and
 * are checked again: sanitize-html drops a URL outside the allowed schemes.
 */
const POLICY: sanitizeHtml.IOptions = {
  allowedTags: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'strong', 'em', 'u', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'table', 'tr', 'th', 'td', 'a', 'img'],
  allowedAttributes: { a: ['href', 'rel', 'target'], img: ['src', 'alt'], ol: ['start'], th: ['colspan', 'rowspan'], td: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  transformTags: {
    a: (_tag, a) => ({ tagName: 'a', attribs: only({ href: safeUrl(a.href, true) ?? undefined, rel: 'noopener noreferrer nofollow', target: '_blank' }) }),
    ol: (_tag, a) => ({ tagName: 'ol', attribs: only({ start: count(a.start, 1) }) }),
    th: (_tag, a) => ({ tagName: 'th', attribs: only({ colspan: count(a.colspan, 1), rowspan: count(a.rowspan, 1) }) }),
    td: (_tag, a) => ({ tagName: 'td', attribs: only({ colspan: count(a.colspan, 1), rowspan: count(a.rowspan, 1) }) }),
  },
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Our own rendering of the two things that carry URLs: a link we do not allow keeps its text only, such an image disappears. */
const MAPPING: Parameters<typeof renderToHTMLString>[0]['options'] = {
  markMapping: {
    link: ({ mark, children }) => {
      const href = safeUrl(mark.attrs.href, true);
      const inner = serializeChildrenToHTMLString(children);
      return href ? `<a href="${esc(href)}">${inner}</a>` : inner;
    },
  },
  nodeMapping: {
    image: ({ node }) => {
      const src = safeUrl(node.attrs.src);
      return src ? `<img src="${esc(src)}" alt="${esc(String(node.attrs.alt ?? ''))}">` : '';
    },
  },
};

/** Safe HTML of a document state (a `Y.encodeStateAsUpdate`). */
export function renderHtml(state: Uint8Array): string {
  const html = renderToHTMLString({ content: loadDocument(state), extensions: editorExtensions, options: MAPPING });
  // sanitize-html writes void elements as `<img … />`; text never contains a raw `>`, so this
  // only touches tags, and gives the plain HTML5 form the stored renderings always had.
  return sanitizeHtml(html, POLICY).replace(/ \/>/g, '>');
}
