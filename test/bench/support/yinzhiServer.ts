/** Child process: the real Yinzhi server on an embedded FerretDB in a temp folder, with a seeded representative. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectDatabase } from '../../../server/db/connect';
import { loadEnv } from '../../../server/env';
import { createLogger } from '../../../server/logger';
import { seedDemoIfEmpty } from '../../../server/seed/demo';
import { startServer } from '../../../server/server';
import { serveMetrics } from './child';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinzhi-bench-'));
const env = loadEnv({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', CLIENT_DIST: '/nonexistent', PORT: '0' });
const log = createLogger('silent');
const db = await connectDatabase(env, () => {});
await seedDemoIfEmpty(() => {});
const server = await startServer({ env, log, database: { kind: db.kind }, port: 0, throttle: { perAccount: 1e6, perIp: 1e6, windowSeconds: 60 } });
serveMetrics(async () => {
  await server.close();
  await db.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
process.send?.({ url: server.url });
