import { Router, type Request } from 'express';
import { BoardQuery, ChallengeInput, ChallengeTransition, ChallengeUpdate } from '../../shared/schemas/challenge';
import { IdParams } from '../../shared/schemas/common';
import { InviteInput } from '../../shared/schemas/team';
import { announceChallenge } from '../commands/challenges/announce';
import { createChallenge } from '../commands/challenges/createChallenge';
import { listChallenges } from '../commands/challenges/listChallenges';
import { loadChallenge, orgBrief, orgBriefs } from '../commands/challenges/load';
import { transitionChallenge } from '../commands/challenges/transitionChallenge';
import { updateChallenge } from '../commands/challenges/updateChallenge';
import { acceptTerms, inviteExpert, myParticipation } from '../commands/teams/participation';
import type { AppContext } from '../context';
import { notFound, parse } from '../errors';
import { requireUser } from '../middlewares/authenticate';
import { authorize } from '../policies';
import { challengeSubject, presentChallengeDetail, presentChallengeSummary } from '../presenters/challenge';

/** Loads a challenge the actor may read; 404 (not 403) otherwise, so hidden ones stay hidden. */
async function readable(req: Request) {
  const { id } = parse(IdParams, req.params, 'path');
  const challenge = await loadChallenge(id);
  try {
    authorize(req.actor, 'read', 'challenge', challengeSubject(challenge));
  } catch {
    throw notFound('Challenge');
  }
  return challenge;
}

export function challengesRouter(ctx: AppContext): Router {
  const router = Router();

  async function detail(req: Request, challenge: Awaited<ReturnType<typeof loadChallenge>>) {
    const mine = await myParticipation(challenge.id as string, req.user);
    const viewers = (await ctx.viewers.counts([challenge.id as string])).get(challenge.id as string) ?? 0;
    return presentChallengeDetail(challenge, await orgBrief(String(challenge.organizationId)), viewers, req.actor, mine);
  }

  router.get('/', async (req, res) => {
    const query = parse(BoardQuery, req.query, 'query');
    const { items, total } = await listChallenges({ query, actor: req.actor, myIndustries: req.user?.industries ?? [] });
    const [orgs, viewers] = await Promise.all([orgBriefs(items.map((c) => String(c.organizationId))), ctx.viewers.counts(items.map((c) => c.id as string))]);
    res.json({
      data: {
        items: items.map((c) => presentChallengeSummary(c, orgs.get(String(c.organizationId))!, viewers.get(c.id as string) ?? 0)),
        total,
        page: query.page,
        pageSize: query.pageSize,
      },
    });
  });

  router.post('/', async (req, res) => {
    const author = requireUser(req);
    const input = parse(ChallengeInput, req.body, 'challenge');
    const organizationId = author.organizationId ? String(author.organizationId) : '';
    authorize(req.actor, 'create', 'challenge', { organizationId, visibility: input.visibility, status: 'draft' });
    const org = await orgBrief(organizationId);
    const { challenge, events } = await createChallenge({ input, organizationId, authorId: author.id as string, organizationName: org.name });
    await ctx.bus.publish(events);
    res.status(201).json({ data: await detail(req, challenge) });
  });

  router.get('/:id', async (req, res) => {
    res.json({ data: await detail(req, await readable(req)) });
  });

  router.patch('/:id', async (req, res) => {
    const editor = requireUser(req);
    const changes = parse(ChallengeUpdate, req.body, 'challenge');
    const challenge = await readable(req);
    authorize(req.actor, 'update', 'challenge', challengeSubject(challenge));
    const org = await orgBrief(String(challenge.organizationId));
    const r = await updateChallenge({ challenge, changes, editor, organizationName: org.name });
    if (r.challenge.status !== 'draft') await ctx.bus.publish(r.events);
    res.json({ data: await detail(req, r.challenge) });
  });

  router.post('/:id/transition', async (req, res) => {
    const user = requireUser(req);
    const { to } = parse(ChallengeTransition, req.body, 'transition');
    const challenge = await readable(req);
    authorize(req.actor, 'transition', 'challenge', challengeSubject(challenge));
    const r = await transitionChallenge({ challenge, to, actorId: user.id as string });
    await ctx.bus.publish(r.events);
    res.json({ data: await detail(req, r.challenge) });
  });

  router.post('/:id/terms', async (req, res) => {
    const user = requireUser(req);
    const challenge = await readable(req);
    authorize(req.actor, 'participate', 'challenge', challengeSubject(challenge));
    const updated = await acceptTerms({ challenge, user });
    res.json({ data: await detail(req, updated) });
    if (updated.participantCount !== challenge.participantCount) await announceChallenge(ctx, updated, 'challenge:updated');
  });

  router.post('/:id/invites', async (req, res) => {
    const inviter = requireUser(req);
    const { email } = parse(InviteInput, req.body, 'invite');
    const challenge = await readable(req);
    authorize(req.actor, 'invite', 'challenge', challengeSubject(challenge));
    const invitee = await inviteExpert({ realtime: ctx.realtime, challenge, inviter, email });
    res.status(201).json({ data: { invited: invitee.id as string } });
  });

  return router;
}
