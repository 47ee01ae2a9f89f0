import type { SubmissionDocument } from '../models/Submission';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A standalone, print-ready HTML page of a submission (A4, page margins, tables and code that
 * break cleanly): open it and print, or "save as PDF". The body is the frozen rendering, which is
 * already escaped and whitelisted.
 */
export function printableHtml(s: SubmissionDocument, challengeTitle: string): string {
  const at = (s.get('createdAt') as Date).toISOString().slice(0, 16).replace('T', ' ');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(challengeTitle)} — ${esc(s.teamName)}</title>
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
<body><header><h1>${esc(challengeTitle)}</h1><p>${esc(s.teamName)} · ${esc(s.versionName)} · #${s.round} · ${at} UTC</p>${s.note ? `<p>${esc(s.note)}</p>` : ''}</header>
<main>${s.html}</main></body></html>`;
}
