/** Child process: a bare Socket.io server as shipped (no app, no auth) — what a Socket.io client costs by itself. */
import http from 'node:http';
import { Server } from 'socket.io';
import { serveMetrics } from './child';

const server = http.createServer();
const io = new Server(server, { serveClient: false });
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
serveMetrics(async () => {
  io.close();
});
process.send?.({ url: `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}` });
