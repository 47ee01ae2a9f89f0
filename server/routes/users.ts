import { Router } from 'express';
import { IdParams } from '../../shared/schemas/common';
import { AccountUpdate, UserListQuery } from '../../shared/schemas/user';
import { updateAccount } from '../commands/accounts/updateAccount';
import type { AppContext } from '../context';
import { notFound, parse } from '../errors';
import { User } from '../models/User';
import { authorize } from '../policies';
import { presentUser } from '../presenters/user';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function usersRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    authorize(req.actor, 'list', 'user', null);
    const q = parse(UserListQuery, req.query, 'query');
    const filter: Record<string, unknown> = {};
    if (q.role) filter.roles = q.role;
    if (q.q) filter.$or = [{ name: { $regex: escapeRegex(q.q), $options: 'i' } }, { email: { $regex: escapeRegex(q.q), $options: 'i' } }];
    const [items, total] = await Promise.all([
      User.find(filter).sort({ createdAt: -1 }).skip((q.page - 1) * q.pageSize).limit(q.pageSize),
      User.countDocuments(filter),
    ]);
    res.json({ data: { items: items.map((u) => presentUser(u, req.actor)), total, page: q.page, pageSize: q.pageSize } });
  });

  router.get('/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'path');
    const user = await User.findById(id);
    if (!user) throw notFound('User');
    authorize(req.actor, 'read', 'user', { id });
    res.json({ data: presentUser(user, req.actor) });
  });

  router.patch('/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'path');
    const changes = parse(AccountUpdate, req.body, 'account');
    authorize(req.actor, 'manage', 'user', { id });
    const { user, events } = await updateAccount({ userId: id, changes });
    await ctx.bus.publish(events);
    res.json({ data: presentUser(user, req.actor) });
  });

  return router;
}
