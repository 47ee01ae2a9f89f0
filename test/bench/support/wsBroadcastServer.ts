/** Child process: the baseline — a plain `ws` server that broadcasts a POSTed payload to every client. */
import http from 'node:http';
import { WebSocketServer, WebSocket } from 'ws';
import { serveMetrics } from './child';

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    res.writeHead(201, { 'content-type': 'application/json' }).end(body);
    for (const client of wss.clients) if (client.readyState === WebSocket.OPEN) client.send(body);
  });
});
const wss = new WebSocketServer({ server });
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
serveMetrics(async () => {
  for (const c of wss.clients) c.terminate();
  await new Promise((r) => server.close(r));
});
process.send?.({ url: `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}` });
