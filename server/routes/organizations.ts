import { Router } from 'express';
import { IdParams } from '../../shared/schemas/common';
import { OrganizationInput, OrganizationUpdate } from '../../shared/schemas/organization';
import { createOrganization, updateOrganization } from '../commands/organizations/saveOrganization';
import type { AppContext } from '../context';
import { notFound, parse } from '../errors';
import { Organization } from '../models/Organization';
import { User } from '../models/User';
import { authorize } from '../policies';
import { presentOrganization } from '../presenters/organization';

export function organizationsRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    const orgs = await Organization.find().sort({ fictional: 1, name: 1 });
    const counts = await User.aggregate<{ _id: unknown; n: number }>([
      { $match: { organizationId: { $ne: null } } },
      { $group: { _id: '$organizationId', n: { $sum: 1 } } }, // one accumulator per $group: FerretDB v1 zeroes the rest
    ]);
    const byOrg = new Map(counts.map((c) => [String(c._id), c.n]));
    res.json({ data: orgs.map((o) => presentOrganization(o, byOrg.get(o.id as string) ?? 0)) });
  });

  router.get('/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'path');
    const org = await Organization.findById(id);
    if (!org) throw notFound('Organisation');
    res.json({ data: presentOrganization(org) });
  });

  router.post('/', async (req, res) => {
    authorize(req.actor, 'create', 'organization', null);
    const input = parse(OrganizationInput, req.body, 'organisation');
    const view = presentOrganization(await createOrganization({ input }), 0);
    res.status(201).json({ data: view });
    ctx.realtime.emitAll('organization:created', view);
  });

  router.patch('/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'path');
    authorize(req.actor, 'update', 'organization', { id });
    const changes = parse(OrganizationUpdate, req.body, 'organisation');
    const view = presentOrganization(await updateOrganization({ id, changes }));
    res.json({ data: view });
    ctx.realtime.emitAll('organization:updated', view);
  });

  return router;
}
