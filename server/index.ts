/**
 * Boot: configuration → database (MONGODB_URI or embedded FerretDB) → demo seed on first start →
 * one HTTP server → graceful shutdown on SIGTERM/SIGINT.
 */
import { connectDatabase } from './db/connect';
import { sweepExpiredSessions } from './commands/accounts/sessions';
import { loadEnv } from './env';
import { createLogger } from './logger';
import { User } from './models/User';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoRoleLabel, seedDemoIfEmpty } from './seed/demo';
import { startServer } from './server';
import { attachCollab } from './collab';

async function main(): Promise<void> {
  let env;
  try {
    env = loadEnv();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(78);
  }
  const log = createLogger(env.LOG_LEVEL);
  const database = await connectDatabase(env, (msg) => log.info(msg));
  if (env.SEED === 'auto') await seedDemoIfEmpty((msg) => log.info(msg));
  const server = await startServer({ env, log, database: { kind: database.kind } });
  attachCollab(server);
  const sweeper = setInterval(() => void sweepExpiredSessions().catch((err) => log.warn({ err }, 'session sweep failed')), 3_600_000);
  sweeper.unref();
  // the demo logins, on every start of a database that has them (never on a real deployment's)
  if (await User.exists({ email: DEMO_ACCOUNTS[0]!.email })) {
    console.log(`\nDemo logins (password for all: ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) console.log(`  ${demoRoleLabel(a).padEnd(32)} ${a.email}`);
  }
  console.log(`Yinzhi 引智 is running at ${server.url}  (database: ${database.kind})\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    let ok = true;
    const failed = (what: string) => (err: unknown) => {
      ok = false;
      log.error({ err }, `shutdown: ${what} failed`);
    };
    clearInterval(sweeper);
    // server.close() stops every service in order (sockets, advice, collab, deadlines, viewers,
    // Redis); the database goes last, and is stopped even if something before it failed
    await server.close().catch(failed('server close'));
    await database.stop().catch(failed('database stop'));
    log.info({ ok }, 'stopped');
    log.flush();
    process.exit(ok ? 0 : 1);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
