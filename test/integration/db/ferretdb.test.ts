/** The embedded database's process lifecycle: clean stop, and no orphan when its parent dies. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_FERRETDB_BIN, startFerretdb } from '../../../server/db/ferretdb';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'yinzhi-fdb-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
async function waitUntil(cond: () => boolean, ms: number) {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return cond();
}

describe('embedded FerretDB process', () => {
  it('starts on a free port and stops cleanly', async () => {
    const db = await startFerretdb({ binary: process.env.FERRETDB_BIN || DEFAULT_FERRETDB_BIN, dataDir: tmp() });
    expect(db.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
    const pid = db.pid();
    expect(alive(pid)).toBe(true);
    await db.stop();
    expect(await waitUntil(() => !alive(pid), 5000)).toBe(true);
  });

  it('does not outlive a parent killed with SIGKILL', async () => {
    const script = `import { startFerretdb, DEFAULT_FERRETDB_BIN } from './server/db/ferretdb.ts';
      const db = await startFerretdb({ binary: process.env.FERRETDB_BIN || DEFAULT_FERRETDB_BIN, dataDir: process.argv[1] });
      console.log('pid:' + db.pid()); setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, tmp()], { stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = await new Promise<number>((resolve) => {
      let out = '';
      parent.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /pid:(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
    });
    expect(alive(pid)).toBe(true);
    parent.kill('SIGKILL');
    expect(await waitUntil(() => !alive(pid), 10_000)).toBe(true);
  });
});
