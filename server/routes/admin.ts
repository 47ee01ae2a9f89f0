import { Router } from 'express';
import { dashboardStats } from '../commands/admin/dashboardStats';
import { authorize } from '../policies';

/** Admin-only figures: GET /api/admin/stats. */
export function adminRouter(): Router {
  const router = Router();
  router.get('/stats', async (req, res) => {
    authorize(req.actor, 'read', 'dashboard', null);
    res.json({ data: await dashboardStats() });
  });
  return router;
}
