/**
 * Exports of a submission whose challenge title, team name and version name are hostile: the
 * Markdown header must stay a header (one heading line, one quote line, everything escaped) and
 * the printable HTML header plain one-line text; the body keeps inline code and underline.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardFixture, challengeInput } from '../../helpers/board';
import { startTestServer } from '../../helpers/server';
import { openProvider } from '../collab/fixture';

const TITLE = "焊缝's\n# 注入 [点我](javascript:alert(1)) <img src=x onerror=alert(1)> `code`";
const TEAM = '甲组\n- 列表 <b>x</b> &amp;';
const VERSION = '1. `v1` ![i](https://x.test/i.png)\r\n---';

let server: Awaited<ReturnType<typeof startTestServer>>;
let rep: Awaited<ReturnType<typeof boardFixture>>['rep'];
let submissionId: string;

beforeAll(async () => {
  server = await startTestServer();
  const f = await boardFixture(server.url);
  rep = f.rep;
  const challenge = (await f.rep.post('/api/challenges', challengeInput({ title: TITLE }))).body.data as { id: string };
  const lead = await f.expert();
  await lead.post(`/api/challenges/${challenge.id}/terms`);
  const team = (await lead.post(`/api/challenges/${challenge.id}/teams`, { name: TEAM })).body.data as { id: string; documentName: string };
  const { provider, doc } = await openProvider(server.url, team.documentName, lead.cookie);
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  doc.transact(() => {
    doc.getXmlFragment('default').insert(0, [paragraph]);
    paragraph.insert(0, [text]);
    text.applyDelta([{ insert: '用 ' }, { insert: 'a`b', attributes: { code: {} } }, { insert: ' 与 ' }, { insert: '下划线', attributes: { underline: {} } }]);
  });
  await new Promise((r) => setTimeout(r, 250)); // let the update reach the server before the version snapshots it
  provider.destroy();
  const version = (await lead.post(`/api/workspaces/${team.id}/versions`, { name: VERSION })).body.data as { id: string };
  const submitted = await lead.post(`/api/workspaces/${team.id}/submissions`, { versionId: version.id });
  expect(submitted.status).toBe(201);
  submissionId = submitted.body.data.id;
});
afterAll(() => server?.stop());

describe('submission exports with hostile names', () => {
  it('Markdown: every header field is escaped onto its line; the body keeps inline code and underline', async () => {
    const res = await rep.get(`/api/submissions/${submissionId}/export/md`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/markdown/);
    const md = res.body as string;
    const lines = md.split('\n');
    expect(lines[0]).toBe("# 焊缝's \\# 注入 \\[点我\\](javascript:alert(1)) \\<img src=x onerror=alert(1)\\> \\`code\\`");
    expect(lines[1]).toBe('');
    expect(lines[2]).toMatch(/^> 甲组 - 列表 \\<b\\>x\\<\/b\\> \\&amp; · 1\\\. \\`v1\\` !\\\[i\\\]\(https:\/\/x\.test\/i\.png\) --- · #1 · \d{4}-\d{2}-\d{2}$/);
    expect(lines[3]).toBe('');
    expect(lines.slice(4).join('\n')).toBe('用 ``a`b`` 与 <u>下划线</u>\n');
    // RFC 5987: only unreserved characters and %XX after UTF-8'' (a raw ' would end the value early)
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''[\w.~%-]+\.md$/);
  });

  it('printable HTML: header fields are escaped one-line text, the body is sanitised', async () => {
    const res = await rep.get(`/api/submissions/${submissionId}/export/html`);
    expect(res.status).toBe(200);
    const html = res.body as string;
    const title = "焊缝's # 注入 [点我](javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt; `code`";
    expect(html).toContain(`<title>${title} — 甲组 - 列表 &lt;b&gt;x&lt;/b&gt; &amp;amp;</title>`);
    expect(html).toContain(`<h1>${title}</h1>`);
    expect(html).toMatch(/<p>甲组 - 列表 &lt;b&gt;x&lt;\/b&gt; &amp;amp; · 1\. `v1` !\[i\]\(https:\/\/x\.test\/i\.png\) --- · #1 · [\d-]+ [\d:]+ UTC<\/p>/);
    expect(html).toContain('<main><p>用 <code>a`b</code> 与 <u>下划线</u></p></main>');
    expect(html).not.toMatch(/<img src=x|<b>x/);
  });
});
