import { markdownLine, renderMarkdown } from '../collab/markdown';
import { renderHtml } from '../collab/render';
import type { SubmissionDocument } from '../models/Submission';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** A header field as one line of escaped HTML text (names and titles are plain text, never markup). */
const field = (s: string) => esc(s.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').trim());

const submittedAt = (s: SubmissionDocument) => s.get('createdAt') as Date;

// Both exports render the submission's frozen Yjs state again rather than the HTML/Markdown
// stored at submit time: the state is just as frozen, and so submissions made before a renderer
// fix export faithfully too.

/**
 * The Markdown export: a header (title; team · version · round · date) whose fields are escaped
 * so none can start a heading, a list, a link or HTML, or break the line, then the document.
 */
export function markdownExport(s: SubmissionDocument, challengeTitle: string): string {
  const date = submittedAt(s).toISOString().slice(0, 10);
  const meta = [markdownLine(s.teamName), markdownLine(s.versionName), `#${s.round}`, markdownLine(date)].join(' · ');
  return `# ${markdownLine(challengeTitle)}\n\n> ${meta}\n\n${renderMarkdown(new Uint8Array(s.state))}`;
}

/**
 * The Content-Disposition of a download: title, team and round, without characters file systems
 * refuse, RFC 5987-encoded (encodeURIComponent leaves `'()*` alone, which that syntax reserves).
 */
export function attachment(s: SubmissionDocument, challengeTitle: string, ext: 'md' | 'html'): string {
  const base = `${challengeTitle}-${s.teamName}-${s.round}`.replace(/[\\/:*?"<>|\s\p{Cc}]+/gu, '_');
  const encoded = encodeURIComponent(`${base}.${ext}`).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename*=UTF-8''${encoded}`;
}

/**
 * A standalone, print-ready HTML page of a submission (A4, page margins, tables and code that
 * break cleanly): open it and print, or "save as PDF". Header fields are escaped text on one
 * line; the body is the sanitised rendering of the frozen state.
 */
export function printableHtml(s: SubmissionDocument, challengeTitle: string): string {
  const at = submittedAt(s).toISOString().slice(0, 16).replace('T', ' ');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${field(challengeTitle)} — ${field(s.teamName)}</title>
<style>
@page { size: A4; margin: 20mm 18mm; }
body { font: 11pt/1.6 "Noto Serif CJK SC", "Songti SC", serif; color: #111; max-width: 170mm; margin: 0 auto; }
header { border-bottom: 1px solid #999; margin-bottom: 1.5em; }
header p { color: #555; margin: .2em 0; }
h1, h2, h3 { page-break-after: avoid; }
table { border-collapse: collapse; width: 100%; page-break-inside: avoid; }
td, th { border: 1px solid #999; padding: 4px 6px; vertical-align: top; }
pre { background: #f4f4f4; padding: 8px; white-space: pre-wrap; page-break-inside: avoid; }
img { max-width: 100%; }
blockquote { border-left: 3px solid #ccc; margin-left: 0; padding-left: 1em; color: #444; }
</style></head>
<body><header><h1>${field(challengeTitle)}</h1><p>${field(s.teamName)} · ${field(s.versionName)} · #${s.round} · ${field(at)} UTC</p>${s.note ? `<p>${esc(s.note)}</p>` : ''}</header>
<main>${renderHtml(new Uint8Array(s.state))}</main></body></html>`;
}
