import { Router } from 'express';
import mongoose from 'mongoose';
import type { AppContext } from '../context';

/** Liveness and database status: 200 when the database answers a ping, 503 otherwise. */
export function healthRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    let ok = false;
    try {
      ok = mongoose.connection.readyState === 1 && !!(await mongoose.connection.db?.admin().ping());
    } catch {
      ok = false;
    }
    res.status(ok ? 200 : 503).json({
      data: { status: ok ? 'ok' : 'degraded', database: { kind: ctx.database.kind, connected: ok }, uptime: Math.round(process.uptime()) },
    });
  });
  return router;
}
