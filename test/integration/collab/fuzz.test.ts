/**
 * Hostile frames from an authenticated member: random bytes, truncated and corrupted updates,
 * text frames and frames over the size limit close only that connection. The server stays up,
 * other editors keep working, and the stored document reloads exactly as it was in memory.
 */
import crypto from 'node:crypto';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collabOf } from '../../../server/collab';
import { startTestServer } from '../../helpers/server';
import { collabUrl, eventually, openProvider, workspaceFixture } from './fixture';

let server: Awaited<ReturnType<typeof startTestServer>>;
let f: Awaited<ReturnType<typeof workspaceFixture>>;
beforeAll(async () => {
  server = await startTestServer();
  f = await workspaceFixture(server.url);
});
afterAll(() => server?.stop());

/** Opens a raw socket as the lead, sends one frame and resolves with the close code. */
function sendAndClose(frame: Buffer | string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${collabUrl(server.url)}/${f.team.documentName}`, { headers: { cookie: f.lead.cookie } });
    const timer = setTimeout(() => (ws.terminate(), resolve(0)), 1500); // still open: the frame was harmless
    ws.on('open', () => ws.send(frame));
    ws.on('close', (code) => (clearTimeout(timer), resolve(code)));
    ws.on('error', (err) => (clearTimeout(timer), reject(err)));
  });
}

function syncUpdateFrame(update: Uint8Array): Buffer {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return Buffer.from(encoding.toUint8Array(e));
}

describe('collab fuzzing', () => {
  it('closes only the offending connection and keeps the document intact', async () => {
    const editor = await openProvider(server.url, f.team.documentName, f.member.cookie);
    editor.doc.getText('t').insert(0, 'intact text');
    await new Promise((r) => setTimeout(r, 300));
    const before = editor.text();

    const scratch = new Y.Doc();
    scratch.getText('t').insert(0, 'a fairly long insertion so truncation lands inside the structs');
    const valid = Y.encodeStateAsUpdate(scratch);
    const codes: number[] = [];
    for (let i = 0; i < 40; i++) codes.push(await sendAndClose(crypto.randomBytes(1 + (i * 37) % 300)));
    for (const cut of [1, 5, 10, 20, Math.floor(valid.length / 2)]) codes.push(await sendAndClose(syncUpdateFrame(valid.subarray(0, cut))));
    const corrupted = Uint8Array.from(valid);
    corrupted[3] = 0xff;
    corrupted[4] = 0xff;
    codes.push(await sendAndClose(syncUpdateFrame(corrupted)));
    codes.push(await sendAndClose(Buffer.from([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f]))); // length far past the end
    codes.push(await sendAndClose(Buffer.from([1, 5, 1, 2, 3]))); // truncated awareness
    codes.push(await sendAndClose('not binary'));
    expect(await sendAndClose(Buffer.alloc(9 * 1024 * 1024, 7))).toBe(1009); // over maxPayload
    expect(codes.filter((c) => c === 4400).length).toBeGreaterThanOrEqual(codes.length - 2); // a random frame may be harmless

    // the server is up, the editor is still connected and still works
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    editor.doc.getText('t').insert(editor.doc.getText('t').length, '!');
    const check = await openProvider(server.url, f.team.documentName, f.lead.cookie);
    // A corrupted-but-decodable update is a legitimate edit to Yjs (it may add text); what must
    // hold is that the editors converge, nothing they had is lost, and storage matches memory.
    await eventually(() => check.text() === editor.text() && check.text().includes(before) && check.text().endsWith('!'), 5000, 'editor still syncing');
    const live = check.text();
    check.provider.destroy();
    editor.provider.destroy();

    // and what is stored is exactly that text
    const collab = collabOf(server.ctx);
    collab.registry.idleMs = 100;
    await eventually(() => !collab.registry.loadedNames().includes(f.team.documentName), 5000, 'unload');
    const reloaded = await openProvider(server.url, f.team.documentName, f.lead.cookie);
    expect(reloaded.text()).toBe(live);
    reloaded.provider.destroy();
  }, 60_000);
});
