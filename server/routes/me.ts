import { Router } from 'express';
import { ProfileUpdate } from '../../shared/schemas/user';
import { updateProfile } from '../commands/accounts/updateAccount';
import { parse } from '../errors';
import { requireUser } from '../middlewares/authenticate';
import { authorize } from '../policies';
import { presentMe } from '../presenters/user';

/** The current account: `GET /api/me` answers `{ data: null }` for visitors so the client can boot. */
export function meRouter(): Router {
  const router = Router();

  router.get('/', (req, res) => {
    res.json({ data: req.user ? presentMe(req.user) : null });
  });

  router.patch('/profile', async (req, res) => {
    const user = requireUser(req);
    const changes = parse(ProfileUpdate, req.body, 'profile');
    authorize(req.actor, 'update', 'user', { id: user.id as string });
    res.json({ data: presentMe(await updateProfile({ user, changes })) });
  });

  return router;
}
