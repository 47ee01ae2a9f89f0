import { Router, type Request } from 'express';
import { IdParams } from '../../shared/schemas/common';
import { RepresentationDecision, RepresentationQuery, RepresentationRequestInput, RepresentativeInviteInput } from '../../shared/schemas/representation';
import { decideRepresentation } from '../commands/representation/decideRepresentation';
import { inviteRepresentative } from '../commands/representation/invites';
import { requestRepresentation } from '../commands/representation/requestRepresentation';
import type { AppContext } from '../context';
import { badRequest, notFound, parse } from '../errors';
import { requireUser } from '../middlewares/authenticate';
import { Organization } from '../models/Organization';
import { RepresentationRequest, RepresentativeInvite, type RepresentationRequestDocument } from '../models/RepresentationRequest';
import { User } from '../models/User';
import { authorize, can, hasRole } from '../policies';
import { presentRepresentationRequest } from '../presenters/representation';
import { presentMe } from '../presenters/user';

async function present(list: RepresentationRequestDocument[]) {
  const [users, orgs] = await Promise.all([
    User.find({ _id: { $in: [...new Set(list.map((r) => String(r.userId)))] } }, { name: 1, email: 1 }).lean(),
    Organization.find({ _id: { $in: [...new Set(list.map((r) => String(r.organizationId)))] } }, { name: 1 }).lean(),
  ]);
  const u = new Map(users.map((x) => [String(x._id), { name: x.name, email: x.email }]));
  const o = new Map(orgs.map((x) => [String(x._id), x.name]));
  return list.map((r) => presentRepresentationRequest(r, u, o));
}

/** The organisation an approver acts for: the admin names one (or sees all); a representative their own. */
function approverOrganization(req: Request, named?: string): string | null {
  if (hasRole(req.actor, 'admin')) return named ?? null;
  return req.actor?.organizationId ?? null;
}

/** Who represents which organisation: requests, decisions, invites (under /api/representation). */
export function representationRouter(ctx: AppContext): Router {
  const router = Router();

  router.post('/requests', async (req, res) => {
    const user = requireUser(req);
    const { organizationId } = parse(RepresentationRequestInput, req.body, 'request');
    authorize(req.actor, 'request', 'representation', { organizationId });
    const { events } = await requestRepresentation({ user, organizationId });
    await ctx.bus.publish(events);
    res.status(201).json({ data: presentMe(user) });
  });

  /** The approval queue: every organisation's for the admin, the own organisation's for a representative. */
  router.get('/requests', async (req, res) => {
    requireUser(req);
    const { status } = parse(RepresentationQuery, req.query, 'query');
    const organizationId = approverOrganization(req);
    if (!hasRole(req.actor, 'admin')) authorize(req.actor, 'list', 'representation', { organizationId: organizationId ?? '' });
    const filter = organizationId ? { status, organizationId } : { status };
    const list = await RepresentationRequest.find(filter).sort({ createdAt: -1 }).limit(200);
    res.json({ data: await present(list) });
  });

  router.post('/requests/:id/decision', async (req, res) => {
    const decider = requireUser(req);
    const { id } = parse(IdParams, req.params, 'path');
    const { approve, reason } = parse(RepresentationDecision, req.body, 'decision');
    const request = await RepresentationRequest.findById(id);
    if (!request || !can(req.actor, 'list', 'representation', { organizationId: String(request.organizationId) })) throw notFound('Request');
    authorize(req.actor, 'decide', 'representation', { organizationId: String(request.organizationId) });
    if (String(request.userId) === decider.id) throw badRequest('You cannot decide your own request', [{ path: [], code: 'own_request', message: 'own request' }]);
    const r = await decideRepresentation({ request, deciderId: decider.id as string, approve, reason });
    await ctx.bus.publish(r.events);
    res.json({ data: (await present([r.request]))[0] });
  });

  router.get('/invites', async (req, res) => {
    requireUser(req);
    const organizationId = approverOrganization(req, typeof req.query.organizationId === 'string' ? req.query.organizationId : undefined);
    if (!organizationId && hasRole(req.actor, 'admin')) throw badRequest('Name the organisation', [{ path: ['organizationId'], code: 'required', message: 'required' }]);
    authorize(req.actor, 'list', 'representation', { organizationId: organizationId ?? '' });
    const invites = await RepresentativeInvite.find({ organizationId: organizationId! }).sort({ createdAt: -1 }).limit(200).lean();
    res.json({ data: invites.map((i) => ({ email: i._id, organizationId: String(i.organizationId), invitedBy: String(i.invitedBy), createdAt: i.createdAt.toISOString() })) });
  });

  router.post('/invites', async (req, res) => {
    const inviter = requireUser(req);
    const input = parse(RepresentativeInviteInput, req.body, 'invite');
    const organizationId = approverOrganization(req, input.organizationId);
    if (!organizationId && hasRole(req.actor, 'admin')) throw badRequest('Name the organisation', [{ path: ['organizationId'], code: 'required', message: 'required' }]);
    authorize(req.actor, 'invite', 'representation', { organizationId: organizationId ?? '' });
    if (!(await Organization.exists({ _id: organizationId }))) throw badRequest('Unknown organisation', [{ path: ['organizationId'], code: 'not_found', message: 'no such organisation' }]);
    await inviteRepresentative({ organizationId: organizationId!, email: input.email, inviterId: inviter.id as string });
    res.status(201).json({ data: { email: input.email, organizationId } });
  });

  return router;
}
