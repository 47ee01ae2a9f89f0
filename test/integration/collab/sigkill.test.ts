/**
 * Crash safety: the real entry point in a child process, killed with SIGKILL while two editors
 * type. After a restart, the document holds every edit a client still had (it re-syncs on
 * reconnect) and every edit the server received more than the batch bound before the kill, even
 * from a client that is gone.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import mongoose from 'mongoose';
import { connectMongoose } from '../../../server/db/connect';
import { freePort, serverProcess } from '../../helpers/serverProcess';
import { eventually, openProvider, workspaceFixture } from './fixture';

const dbName = `t_sigkill_${Date.now().toString(36)}`;
const uri = `${inject('mongoUri')}${dbName}`;
let server: ReturnType<typeof serverProcess>;

beforeAll(async () => {
  server = serverProcess({ uri, port: await freePort() });
  await connectMongoose(uri, 'ferretdb');
});
afterAll(async () => {
  await server?.stop();
  await mongoose.connection.dropDatabase().catch(() => undefined);
  await mongoose.disconnect();
});

describe('collab crash safety', () => {
  it('loses nothing a client holds, nor anything received more than the batch bound before SIGKILL', async () => {
    const url = await server.boot();
    const f = await workspaceFixture(url);
    const gone = await openProvider(url, f.team.documentName, f.lead.cookie);
    const stays = await openProvider(url, f.team.documentName, f.member.cookie);
    // `gone` types 40 edits and then stops; they must be durable 250 ms (> the 200 ms bound) later
    for (let i = 0; i < 40; i++) gone.doc.getText('t').insert(gone.doc.getText('t').length, `g${i};`);
    await eventually(() => stays.text().includes('g39;'), 5000, 'edits reached the server');
    const typing = setInterval(() => stays.doc.getText('u').insert(stays.doc.getText('u').length, 's'), 5);
    await new Promise((r) => setTimeout(r, 250));
    await server.kill();
    gone.provider.destroy(); // its edits now exist only on the server's disk
    stays.provider.disconnect(); // held back until the disk alone was checked
    clearInterval(typing);
    stays.doc.getText('u').insert(0, 'offline;'); // typed while the server is down
    const held = stays.doc.getText('u').toString();

    const url2 = await server.boot();
    expect(url2).toBe(url);
    const fromDisk = await openProvider(url, f.team.documentName, f.lead.cookie);
    for (let i = 0; i < 40; i++) expect(fromDisk.text()).toContain(`g${i};`);
    stays.provider.connect();
    await eventually(() => fromDisk.doc.getText('u').toString() === held, 15_000, 'held edits merged after reconnect');
    expect(fromDisk.text()).toBe(stays.text());
    fromDisk.provider.destroy();
    stays.provider.destroy();
  }, 60_000);
});
