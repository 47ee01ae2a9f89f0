/**
 * Serving the built client and the API over the wire: precompressed brotli/gzip chosen by
 * Accept-Encoding, caching headers by kind of file, API JSON compressed only when large.
 * Requests go through node:http so that nothing decompresses or adds an Accept-Encoding behind
 * the test's back (fetch does both).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { User } from '../../../server/models/User';
import { builtClient } from '../../helpers/browser';
import { TestClient } from '../../helpers/http';
import { startTestServer } from '../../helpers/server';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function rawGet(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** The body as the browser would read it, whatever the encoding it was sent with. */
function decoded(r: Raw): string {
  const enc = r.headers['content-encoding'];
  if (enc === 'br') return zlib.brotliDecompressSync(r.body).toString('utf8');
  if (enc === 'gzip') return zlib.gunzipSync(r.body).toString('utf8');
  return r.body.toString('utf8');
}

let server: Awaited<ReturnType<typeof startTestServer>>;
let dist: string;
let entry: string; // the largest hashed script (the entry itself is a few hundred bytes since the chunks are grouped)

beforeAll(async () => {
  dist = await builtClient();
  server = await startTestServer({ env: { CLIENT_DIST: dist } });
  const scripts = fs.readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.js'));
  const largest = scripts.sort((a, b) => fs.statSync(path.join(dist, 'assets', b)).size - fs.statSync(path.join(dist, 'assets', a)).size)[0];
  entry = largest ? `/assets/${largest}` : '';
});
afterAll(() => server?.stop());

describe('the built client', () => {
  it('sends the brotli copy to a browser that accepts br, gzip to one that accepts only gzip, and the plain file otherwise', async () => {
    expect(entry).toMatch(/^\/assets\/.+-[\w-]+\.js$/);
    const plain = fs.readFileSync(path.join(dist, entry));

    const br = await rawGet(server.url + entry, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.body.length).toBeLessThan(plain.length / 2);
    expect(decoded(br)).toBe(plain.toString('utf8'));

    const gz = await rawGet(server.url + entry, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/accept-encoding/i);
    expect(decoded(gz)).toBe(plain.toString('utf8'));

    const identity = await rawGet(server.url + entry);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.headers.vary).toMatch(/accept-encoding/i);
    expect(identity.body.equals(plain)).toBe(true);
  });

  it('lets browsers keep hashed assets for a year and revalidate index.html on every visit', async () => {
    const asset = await rawGet(server.url + entry, { 'accept-encoding': 'br' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const index = await rawGet(`${server.url}/index.html`, { 'accept-encoding': 'br' });
    expect(index.headers['cache-control']).toBe('no-cache');

    // A client-side route is index.html too, negotiated the same way and never cached blindly.
    const route = await rawGet(`${server.url}/board?sort=newest`, { 'accept-encoding': 'br' });
    expect(route.status).toBe(200);
    expect(route.headers['content-type']).toMatch(/text\/html/);
    expect(route.headers['cache-control']).toBe('no-cache');
    expect(decoded(route)).toContain('<div id="app">');
  });

  it('answers a hashed asset that does not exist with a 404 code, not with index.html', async () => {
    const r = await rawGet(`${server.url}/assets/index-gone1234.js`, { 'accept-encoding': 'br' });
    expect(r.status).toBe(404);
    expect(JSON.parse(decoded(r))).toMatchObject({ error: { code: 'not_found' } });
  });
});

describe('API responses', () => {
  it('compresses a large JSON answer as the client accepts and leaves a small one alone', async () => {
    const admin = new TestClient(server.url);
    const { id } = await admin.register({ email: 'static-admin@example.com' });
    await User.updateOne({ _id: id }, { $set: { roles: ['admin'] } });
    for (let i = 0; i < 8; i++) {
      const r = await admin.post('/api/organizations', { name: `压缩测试组织 ${i}`, industry: '3381', description: '真空保温杯与不锈钢制品的研发、生产与销售。'.repeat(4) });
      expect(r.status).toBe(201);
    }

    const large = await rawGet(`${server.url}/api/organizations`, { 'accept-encoding': 'br, gzip' });
    expect(large.status).toBe(200);
    expect(large.headers['content-encoding']).toBe('br');
    expect(large.headers.vary).toMatch(/accept-encoding/i);
    const data = JSON.parse(decoded(large)) as { data: unknown[] };
    expect(data.data.length).toBeGreaterThanOrEqual(8);
    expect(large.body.length).toBeLessThan(Buffer.byteLength(decoded(large)));

    const gz = await rawGet(`${server.url}/api/organizations`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');

    const small = await rawGet(`${server.url}/api/health`, { 'accept-encoding': 'br, gzip' });
    expect(small.status).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString('utf8'))).toMatchObject({ data: { status: 'ok' } });
  });
});
