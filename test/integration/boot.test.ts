/**
 * The real entry point as a user runs it: embedded FerretDB, first-start seed, printed URL and
 * demo logins, graceful shutdown on SIGTERM/SIGINT, and data kept for the next start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinzhi-boot-'));
const started: ChildProcess[] = [];
afterAll(() => {
  // a failed assertion must not leave a server (and its database) running
  for (const p of started) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function boot(): { proc: ChildProcess; output: () => string; url: Promise<string> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', CLIENT_DIST: '/nonexistent', MONGODB_URI: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(proc);
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  return { proc, output: () => out, url };
}

const exitOf = (proc: ChildProcess) => new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));

describe('server entry point', () => {
  it('starts on the embedded database, seeds once, prints URL and logins, and shuts down cleanly', async () => {
    const first = boot();
    const url = await first.url;
    expect(first.output()).toContain('Demo logins (password for all');
    expect(first.output()).toContain('admin@yinzhi.demo');
    expect(first.output()).toContain('yinzhi-demo-2026');
    const health = await (await fetch(`${url}/api/health`)).json();
    expect(health.data).toMatchObject({ status: 'ok', database: { kind: 'ferretdb', connected: true } });
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'rep@yinzhi.demo', password: 'yinzhi-demo-2026' }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('yz_sid='))!;
    await fetch(`${url}/api/me/profile`, { method: 'PATCH', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ bio: '重启后还在' }) });
    const board = await (await fetch(`${url}/api/challenges`)).json();
    expect(board.data.total).toBeGreaterThan(0);

    first.proc.kill('SIGTERM');
    expect(await exitOf(first.proc)).toBe(0);
    await expect(fetch(`${url}/api/health`)).rejects.toThrow();

    const second = boot();
    const url2 = await second.url;
    expect(second.output()).toContain('Demo logins (password for all'); // the logins are still shown
    expect(second.output().split('Demo logins').length).toBe(2); // once
    const me = await (await fetch(`${url2}/api/me`, { headers: { cookie } })).json();
    expect(me.data).toMatchObject({ email: 'rep@yinzhi.demo', bio: '重启后还在' });
    second.proc.kill('SIGINT');
    expect(await exitOf(second.proc)).toBe(0);
  }, 90_000);

  it('refuses to start with invalid configuration, naming the variable', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], { env: { ...process.env, PORT: 'eighty' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    proc.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    expect(await exitOf(proc)).not.toBe(0);
    expect(err).toMatch(/PORT/);
  });
});
