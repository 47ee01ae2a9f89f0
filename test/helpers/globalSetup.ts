/**
 * Once per test run: build (if needed) and start one real FerretDB on a free port with its
 * SQLite files in a temporary folder; each test file then uses a database of its own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { DEFAULT_FERRETDB_BIN, ensureFerretdbBinary, startFerretdb } from '../../server/db/ferretdb';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
  }
}

/**
 * What the suite needs from the machine beyond npm: say at once what is missing and the command
 * that installs it, instead of failing deep inside an end-to-end or scale-out test.
 */
function preflight(): void {
  const missing: string[] = [];
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) missing.push('chromium fonts-noto-cjk');
  const onPath = (bin: string) => (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, bin)));
  if (!onPath('redis-server')) missing.push('redis-server');
  if (missing.length) {
    throw new Error(`The tests need Debian packages that are not installed. Install them with:\n  apt-get update && apt-get install -y ${missing.join(' ')}\n(or run .ci/run, which installs everything a fresh machine lacks)`);
  }
}

export default async function setup(project: TestProject) {
  preflight();
  const binary = ensureFerretdbBinary(process.env.FERRETDB_BIN || DEFAULT_FERRETDB_BIN, (m) => console.log(m));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinzhi-test-db-'));
  const db = await startFerretdb({ binary, dataDir });
  project.provide('mongoUri', process.env.TEST_MONGODB_URI ?? db.uri);
  return async () => {
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
