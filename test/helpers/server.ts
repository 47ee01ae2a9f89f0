import type { ThrottleOptions } from '../../server/commands/accounts/loginThrottle';
import { loadEnv } from '../../server/env';
import { createLogger } from '../../server/logger';
import { startServer, type RunningServer } from '../../server/server';
import { attachCollab } from '../../server/collab';
import { useTestDatabase } from './db';

/** A real server on port 0 against this file's own FerretDB database. */
export async function startTestServer(opts: { throttle?: ThrottleOptions; env?: Record<string, string> } = {}): Promise<
  RunningServer & { stop(): Promise<void> }
> {
  const db = await useTestDatabase();
  const env = loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', CLIENT_DIST: '/nonexistent', ...opts.env });
  const server = await startServer({ env, log: createLogger(process.env.TEST_LOG ?? 'silent'), database: { kind: 'ferretdb' }, port: 0, throttle: opts.throttle });
  attachCollab(server);
  return Object.assign(server, {
    async stop() {
      await server.close();
      await db.drop();
    },
  });
}
