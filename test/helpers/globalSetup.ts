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

export default async function setup(project: TestProject) {
  const binary = ensureFerretdbBinary(process.env.FERRETDB_BIN || DEFAULT_FERRETDB_BIN, (m) => console.log(m));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinzhi-test-db-'));
  const db = await startFerretdb({ binary, dataDir });
  project.provide('mongoUri', process.env.TEST_MONGODB_URI ?? db.uri);
  return async () => {
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
