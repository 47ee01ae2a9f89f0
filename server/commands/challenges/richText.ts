import sanitizeHtml from 'sanitize-html';

/**
 * The rich-text subset a challenge description may use. Links keep only http(s)/mailto and
 * open safely; images only load over https; everything else (scripts, styles, event handlers,
 * javascript: URLs) is dropped.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'h2', 'h3', 'h4', 'strong', 'b', 'em', 'i', 's', 'u', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'hr', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'title'], th: ['colspan', 'rowspan'], td: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }) },
};

export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, { ...OPTIONS, allowedAttributes: { ...OPTIONS.allowedAttributes, a: ['href', 'title', 'rel', 'target'] } });
}

export function plainText(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
}

/** The lower-cased haystack the board's text search runs its regexes on. */
export function buildSearchText(parts: { title: string; summary: string; tags: string[]; description: string; organization: string }): string {
  return [parts.title, parts.summary, parts.tags.join(' '), parts.organization, plainText(parts.description)].join('\n').toLowerCase().slice(0, 20_000);
}
