import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rooms } from '../../../shared/events';
import { TestClient } from '../../helpers/http';
import { startTestServer } from '../../helpers/server';
import { connectSocket, nextEvent, request } from '../../helpers/socket';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

describe('socket authentication', () => {
  it('authenticates a socket by the session cookie at the handshake', async () => {
    const c = new TestClient(server.url);
    const me = await c.register({ email: 'sock@example.com' });
    const socket = await connectSocket(server.url, c.cookie);
    expect(socket.me).toMatchObject({ id: me.id, email: 'sock@example.com' });
    const [serverSocket] = await server.io.in(rooms.user(me.id)).fetchSockets();
    expect(serverSocket?.data.userId).toBe(me.id);
    socket.disconnect();
  });

  it('treats a socket without (or with a forged) cookie as anonymous, outside every member room', async () => {
    const anon = await connectSocket(server.url);
    const forged = await connectSocket(server.url, 'yz_sid=forged-token');
    expect(anon.me).toBeNull();
    expect(forged.me).toBeNull();
    const [serverAnon] = await server.io.in(anon.id!).fetchSockets();
    expect([...(serverAnon?.rooms ?? [])]).toEqual([anon.id]);
    anon.disconnect();
    forged.disconnect();
  });

  it('answers requests with a reply envelope and rejects malformed payloads without crashing', async () => {
    const socket = await connectSocket(server.url);
    expect((await request(socket, 'system:ping', {})).data?.serverTime).toBeTruthy();
    const bad = await request(socket, 'system:ping', { junk: { $where: 1 } });
    expect(bad.error?.code).toBe('validation_failed');
    const raw = socket as unknown as { emit: (...args: unknown[]) => void };
    raw.emit('system:ping', 'not an object'); // no ack at all
    raw.emit('no:such:event', {});
    const unknown = await request(socket, 'no:such:event' as 'system:ping', {});
    expect(unknown.error).toMatchObject({ code: 'not_found', details: [{ code: 'unknown_event' }] });
    expect((await request(socket, 'system:ping', {})).data).toBeTruthy();
    socket.disconnect();
  });

  it('logging out ends the session on its open sockets', async () => {
    const c = new TestClient(server.url);
    await c.register({ email: 'bye@example.com' });
    const socket = await connectSocket(server.url, c.cookie);
    const ended = nextEvent(socket, 'session:ended');
    await c.post('/api/auth/logout');
    expect(await ended).toEqual({ reason: 'logout' });
  });
});
