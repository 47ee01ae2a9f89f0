/**
 * First-load benchmark (`npx tsx test/bench/first-load.ts`, not part of `npm test`).
 *
 * Debian Chromium (fresh profile and cache per visit) opens pages of a real server (embedded
 * FerretDB, demo data) that serves a real client build, and reads from the browser's own network
 * events (CDP `Network.loadingFinished.encodedDataLength`: bytes as they came over the wire,
 * headers included, compressed as served) the bytes, the JavaScript bytes and the requests of a
 * visit, up to network idle after the page's first content; and the time from navigation start to
 * that content (a board card; for the workspace, its document synced), measured inside the page (`performance.now()`, median of BENCH_REPEATS visits,
 * default 3). Visits: the board logged out (the issue's targets), the board logged in, a team
 * workspace (expert2's, with its live document), and the board again in the same browser (what
 * the cache keeps). Bytes are deterministic; times are loopback times on this machine.
 *
 * Baseline, same run: the client as built before issue 10 (git BENCH_BASELINE_REF, default
 * 7cd404f: the whole of Element Plus and its CSS, no precompressed files), served by today's
 * server — which, finding no .br/.gz copies, sends it uncompressed, as it was measured then.
 * BENCH_DIST=<folder> measures an existing build instead of building the working tree.
 * The same file is the server child: BENCH_FIRSTLOAD_ROLE=server.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { launchBrowser } from '../helpers/browser';
import { startChild } from './support/child';
import { announce, reportTargets } from './support/report';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const BASELINE_REF = process.env.BENCH_BASELINE_REF ?? '7cd404f';
const PASSWORD = 'yinzhi-demo-2026';
const TARGET = { jsBytes: 150_000, allBytes: 300_000, firstCardMs: 800 };

/** Child: the real server on its own FerretDB with the demo data, serving BENCH_CLIENT_DIST. */
async function serverChild(): Promise<void> {
  const { connectDatabase } = await import('../../server/db/connect');
  const { loadEnv } = await import('../../server/env');
  const { createLogger } = await import('../../server/logger');
  const { seedDemoIfEmpty } = await import('../../server/seed/demo');
  const { startServer } = await import('../../server/server');
  const { attachCollab } = await import('../../server/collab');
  const { serveMetrics } = await import('./support/child');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinzhi-bench-'));
  const env = loadEnv({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', CLIENT_DIST: process.env.BENCH_CLIENT_DIST ?? '', PORT: '0' });
  const db = await connectDatabase(env, () => {});
  await seedDemoIfEmpty(() => {});
  const server = await startServer({ env, log: createLogger('silent'), database: { kind: db.kind }, port: 0, throttle: { perAccount: 1e6, perIp: 1e6, windowSeconds: 60 } });
  attachCollab(server);
  serveMetrics(async () => {
    await server.close();
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  process.send?.({ url: server.url });
}

/** Builds the client of `root` (a checkout with client/ and vite.config.ts) into `outDir`. */
async function buildClient(root: string, outDir: string): Promise<void> {
  process.env.NODE_ENV = 'production'; // Vue's production build
  await build({ configFile: path.join(root, 'vite.config.ts'), root: path.join(root, 'client'), mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}

/** The client as it was at `ref`, built with that commit's own vite.config.ts and today's packages. */
async function buildBaseline(work: string): Promise<string> {
  const src = path.join(work, 'baseline-src');
  fs.mkdirSync(src, { recursive: true });
  const tar = execFileSync('git', ['-C', REPO, 'archive', BASELINE_REF, 'client', 'shared', 'vite.config.ts', 'tsconfig.json', 'package.json'], { maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', src], { input: tar });
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(src, 'node_modules'));
  const out = path.join(work, 'baseline');
  await buildClient(src, out);
  return out;
}

interface Visit {
  requests: number; // answered over the network (not from the browser's cache)
  cached: number;
  jsBytes: number;
  allBytes: number;
  compressed: number; // responses that came with a Content-Encoding
  firstMs: number;
}

/** The page marks the first moment `selector` is in the DOM (with text, if `needsText`). */
function markFirst(selector: string, needsText: boolean) {
  return `(() => {
    const hit = () => { const el = document.querySelector(${JSON.stringify(selector)}); return el && (!${needsText} || el.textContent.trim().length > 0); };
    new MutationObserver((_m, obs) => { if (window.__firstMs === undefined && hit()) { window.__firstMs = performance.now(); obs.disconnect(); } })
      .observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
  })();`;
}

/** One navigation, counted from the browser's network events until idle after the first content. */
async function visit(context: BrowserContext, page: Page, url: string): Promise<Visit> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const types = new Map<string, string>();
  const cached = new Set<string>();
  const v: Visit = { requests: 0, cached: 0, jsBytes: 0, allBytes: 0, compressed: 0, firstMs: NaN };
  cdp.on('Network.requestServedFromCache', (e) => cached.add(e.requestId));
  cdp.on('Network.responseReceived', (e) => {
    types.set(e.requestId, e.type);
    if (e.response.fromDiskCache) cached.add(e.requestId);
    const enc = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1];
    if (enc) v.compressed++;
  });
  cdp.on('Network.loadingFinished', (e) => {
    if (cached.has(e.requestId)) v.cached++;
    else v.requests++;
    v.allBytes += e.encodedDataLength;
    if (types.get(e.requestId) === 'Script') v.jsBytes += e.encodedDataLength;
  });
  await page.goto(url, { waitUntil: 'commit' });
  try {
    await page.waitForFunction(() => (window as { __firstMs?: number }).__firstMs !== undefined, undefined, { timeout: 30_000 });
  } catch (err) {
    const shot = path.join(os.tmpdir(), 'yinzhi-first-load-failure.png');
    await page.screenshot({ path: shot }).catch(() => {});
    throw new Error(`no first content at ${url} (screenshot ${shot}): ${(err as Error).message}`);
  }
  v.firstMs = await page.evaluate(() => (window as { __firstMs?: number }).__firstMs ?? NaN);
  await page.waitForLoadState('networkidle');
  await cdp.detach();
  return v;
}

interface Scenario {
  name: string;
  path: (base: string, context: BrowserContext) => Promise<string>;
  login?: string;
  selector: string;
  needsText?: boolean;
  /** Visit twice in the same browser and report the second visit. */
  repeat?: boolean;
}

async function logIn(context: BrowserContext, base: string, email: string): Promise<void> {
  const r = await context.request.post(`${base}/api/auth/login`, { data: { email, password: PASSWORD } });
  if (!r.ok()) throw new Error(`login ${email}: ${r.status()} ${await r.text()}`);
}

const SCENARIOS: Scenario[] = [
  { name: 'board, logged out', path: async (b) => `${b}/board`, selector: '[data-testid="board-card"]' },
  { name: 'board, logged in (expert)', login: 'expert@yinzhi.demo', path: async (b) => `${b}/board`, selector: '[data-testid="board-card"]' },
  {
    name: 'workspace (expert2)',
    login: 'expert2@yinzhi.demo',
    path: async (b, context) => {
      const list = (await (await context.request.get(`${b}/api/workspaces`)).json()) as { data: { teamId: string }[] };
      return `${b}/workspaces/${list.data[0]?.teamId ?? 'none'}`;
    },
    // the document is synced with the server (the editor alone shows a placeholder before that)
    selector: '[data-testid="sync-status"][data-state="connected"]',
  },
  { name: 'board again, same browser', path: async (b) => `${b}/board`, selector: '[data-testid="board-card"]', repeat: true },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Every scenario against the server at `base`: bytes of the first visit, median time of REPEATS. */
async function measure(base: string): Promise<Map<string, Visit>> {
  const browser = await launchBrowser();
  const results = new Map<string, Visit>();
  try {
    for (const s of SCENARIOS) {
      const runs: Visit[] = [];
      for (let i = 0; i < REPEATS; i++) {
        const context = await browser.newContext();
        if (s.login) await logIn(context, base, s.login);
        const page = await context.newPage();
        await page.addInitScript(markFirst(s.selector, !!s.needsText));
        const url = await s.path(base, context);
        if (s.repeat) await visit(context, page, url);
        runs.push(await visit(context, page, url));
        await context.close();
      }
      const first = runs[0]!;
      results.set(s.name, { ...first, firstMs: median(runs.map((r) => r.firstMs)) });
    }
  } finally {
    await browser.close();
  }
  return results;
}

async function serveAndMeasure(dist: string): Promise<Map<string, Visit>> {
  const child = await startChild(fileURLToPath(import.meta.url), { BENCH_FIRSTLOAD_ROLE: 'server', BENCH_CLIENT_DIST: dist });
  try {
    return await measure(child.ready.url!);
  } finally {
    await child.stop();
  }
}

const kB = (n: number) => `${(n / 1000).toLocaleString('en', { maximumFractionDigits: 1 })} kB`;

function report(current: Map<string, Visit>, baseline: Map<string, Visit> | null): void {
  const head = ['visit', 'build', 'requests', 'cached', 'compressed', 'JS', 'all bytes', 'first content'];
  const rows: string[][] = [head];
  for (const s of SCENARIOS) {
    for (const [label, m] of [['now', current], ['baseline', baseline]] as const) {
      const v = m?.get(s.name);
      if (v) rows.push([s.name, label, String(v.requests), String(v.cached), String(v.compressed), kB(v.jsBytes), kB(v.allBytes), `${v.firstMs.toFixed(0)} ms`]);
    }
  }
  const widths = head.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  console.log('\nover the wire (CDP encodedDataLength, 1 kB = 1,000 bytes), first content = median of visits');
  for (const r of rows) console.log('  ' + r.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
  const out = current.get(SCENARIOS[0]!.name)!;
  const base = baseline?.get(SCENARIOS[0]!.name);
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  const was = (f: (v: Visit) => string) => (base ? `before issue 10: ${f(base)}` : 'not built');
  if (base) console.log(`\nvs baseline: JS ${(base.jsBytes / out.jsBytes).toFixed(1)}× smaller, all ${(base.allBytes / out.allBytes).toFixed(1)}× smaller, first card ${(base.firstMs / out.firstMs).toFixed(2)}× sooner`);
  reportTargets('first-load', [
    { name: 'board logged out: JavaScript', figure: kB(out.jsBytes), baseline: was((v) => kB(v.jsBytes)), target: `≤ ${kB(TARGET.jsBytes)}`, pass: out.jsBytes <= TARGET.jsBytes },
    { name: 'board logged out: all bytes', figure: kB(out.allBytes), baseline: was((v) => kB(v.allBytes)), target: `≤ ${kB(TARGET.allBytes)}`, pass: out.allBytes <= TARGET.allBytes },
    { name: 'board logged out: first card', figure: ms(out.firstMs), baseline: was((v) => ms(v.firstMs)), target: `≤ ${ms(TARGET.firstCardMs)}`, pass: out.firstMs <= TARGET.firstCardMs },
  ]);
}

async function main(): Promise<void> {
  announce('first-load', `Chromium ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'} against a started server, ${REPEATS} visits per row`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'yinzhi-first-load-'));
  try {
    const dist = process.env.BENCH_DIST ?? path.join(work, 'current');
    if (!process.env.BENCH_DIST) await buildClient(REPO, dist);
    let baselineDist: string | null = null;
    try {
      baselineDist = await buildBaseline(work);
    } catch (err) {
      console.log(`baseline (${BASELINE_REF}) not built, measuring without it: ${(err as Error).message.split('\n')[0]}`);
    }
    console.log(`baseline: the client at ${BASELINE_REF} (before issue 10), same server, same run; ${REPEATS} visits per row`);
    const current = await serveAndMeasure(dist);
    const baseline = baselineDist ? await serveAndMeasure(baselineDist) : null;
    report(current, baseline);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.env.BENCH_FIRSTLOAD_ROLE === 'server') await serverChild();
else await main();
