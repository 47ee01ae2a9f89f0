/**
 * Real Chromium for end-to-end tests, and the built client those tests serve.
 *
 * The client is built once per `vitest run`: every test file runs in a fork of the same
 * vitest process, so the build is keyed by that parent's pid. The first file to arrive takes a
 * lock directory (mkdir is atomic) and builds; the others wait for its `done` marker. Builds
 * left by earlier runs (parent no longer alive) are removed on the way.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { startTestServer } from './server';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const PREFIX = 'yinzhi-e2e-client-';
const BUILD_TIMEOUT_MS = 120_000;

/** Debian's Chromium, headless, with a fresh profile (never pass --user-data-dir here). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeStaleBuilds(): void {
  for (const name of fs.readdirSync(os.tmpdir())) {
    const pid = Number(name.slice(PREFIX.length));
    if (name.startsWith(PREFIX) && Number.isInteger(pid) && pid !== process.ppid && !alive(pid)) {
      fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
    }
  }
}

async function buildClient(outDir: string): Promise<void> {
  // vite.config.ts picks the repository root as `root` under Vitest; the client lives in client/.
  // NODE_ENV decides Vue's production build, and Vitest sets it to "test".
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(REPO, 'vite.config.ts'),
      root: path.join(REPO, 'client'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

/** The folder holding this run's client build; builds it if no other test file did yet. */
export async function builtClient(): Promise<string> {
  const base = path.join(os.tmpdir(), `${PREFIX}${process.ppid}`);
  const dist = path.join(base, 'dist');
  const done = path.join(base, 'done');
  if (fs.existsSync(done)) return dist;
  let owner = false;
  try {
    fs.mkdirSync(base);
    owner = true;
  } catch {
    owner = false; // another file of this run is building
  }
  if (owner) {
    removeStaleBuilds();
    try {
      await buildClient(dist);
      fs.writeFileSync(done, new Date().toISOString());
    } catch (err) {
      fs.writeFileSync(path.join(base, 'failed'), String(err));
      throw err;
    }
    return dist;
  }
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  while (!fs.existsSync(done)) {
    if (fs.existsSync(path.join(base, 'failed'))) throw new Error(`client build failed in another test file: ${fs.readFileSync(path.join(base, 'failed'), 'utf8')}`);
    if (Date.now() > deadline) throw new Error(`client build did not finish within ${BUILD_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return dist;
}

/** A test server (own database) that also serves the built client. */
export async function startE2EServer(opts: Parameters<typeof startTestServer>[0] = {}) {
  const dist = await builtClient();
  return startTestServer({ ...opts, env: { CLIENT_DIST: dist, ...opts.env } });
}
