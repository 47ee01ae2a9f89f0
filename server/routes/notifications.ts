import { Router } from 'express';
import { MarkReadInput, NotificationQuery } from '../../shared/schemas/notification';
import { parse } from '../errors';
import { requireUser } from '../middlewares/authenticate';
import { Notification } from '../models/Notification';
import { presentNotification } from '../presenters/notification';

/** The viewer's own notifications only: every query is scoped by their user id. */
export function notificationsRouter(): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const user = requireUser(req);
    const q = parse(NotificationQuery, req.query, 'query');
    const filter: Record<string, unknown> = { userId: user._id };
    if (q.unread) filter.readAt = null;
    if (q.before) filter.createdAt = { $lt: q.before };
    const [items, unread] = await Promise.all([
      Notification.find(filter).sort({ createdAt: -1, _id: -1 }).limit(q.limit),
      Notification.countDocuments({ userId: user._id, readAt: null }),
    ]);
    res.json({ data: { items: items.map(presentNotification), unread } });
  });

  router.post('/read', async (req, res) => {
    const user = requireUser(req);
    const input = parse(MarkReadInput, req.body, 'read');
    const filter = 'all' in input ? { userId: user._id, readAt: null } : { userId: user._id, _id: { $in: input.ids }, readAt: null };
    await Notification.updateMany(filter, { $set: { readAt: new Date() } });
    res.json({ data: { unread: await Notification.countDocuments({ userId: user._id, readAt: null }) } });
  });

  return router;
}
