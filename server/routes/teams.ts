import { Router, type Request } from 'express';
import { rooms } from '../../shared/events';
import { IdParams } from '../../shared/schemas/common';
import { JoinDecision, JoinRequestInput, TeamInput, TeamMemberParams } from '../../shared/schemas/team';
import { loadChallenge } from '../commands/challenges/load';
import { createTeam } from '../commands/teams/createTeam';
import { decideJoinRequest, requestToJoin } from '../commands/teams/joinTeam';
import { removeFromTeam } from '../commands/teams/leaveTeam';
import type { AppContext } from '../context';
import { badRequest, notFound, parse } from '../errors';
import { requireUser } from '../middlewares/authenticate';
import { Challenge } from '../models/Challenge';
import { Team, type TeamDocument } from '../models/Team';
import { authorize, type Actor } from '../policies';
import { challengeSubject } from '../presenters/challenge';
import { presentTeam, teamUserIds, userNames } from '../presenters/team';
import type { TeamSubject } from '../policies/team';

async function loadTeam(req: Request) {
  const { id } = parse(IdParams, req.params, 'path');
  const team = await Team.findById(id);
  if (!team || team.status !== 'active') throw notFound('Team');
  const challenge = await loadChallenge(String(team.challengeId));
  const subject: TeamSubject = { leadId: String(team.leadId), memberIds: team.members.map((m) => String(m.userId)), challenge: challengeSubject(challenge) };
  try {
    authorize(req.actor, 'read', 'team', subject);
  } catch {
    throw notFound('Team');
  }
  return { team, challenge, subject };
}

export function teamsRouter(ctx: AppContext): Router {
  const router = Router();

  /** Replies with the viewer's view and tells the challenge room (public view, no requests). */
  async function replyAndAnnounce(res: import('express').Response, team: TeamDocument, actor: Actor, event: 'team:created' | 'team:updated' = 'team:updated', status = 200) {
    const names = await userNames(teamUserIds(team));
    res.status(status).json({ data: presentTeam(team, names, actor) });
    ctx.realtime.emit(rooms.challenge(String(team.challengeId)), event, presentTeam(team, names, null));
  }

  router.get('/mine', async (req, res) => {
    const user = requireUser(req);
    const teams = await Team.find({ 'members.userId': user._id, status: 'active' }).sort({ updatedAt: -1 });
    const [names, challenges] = await Promise.all([
      userNames(teams.flatMap(teamUserIds)),
      Challenge.find({ _id: { $in: teams.map((t) => t.challengeId) } }, { title: 1 }).lean(),
    ]);
    const titles = new Map(challenges.map((c) => [String(c._id), c.title]));
    res.json({ data: teams.map((t) => presentTeam(t, names, req.actor, titles.get(String(t.challengeId)))) });
  });

  router.get('/:id', async (req, res) => {
    const { team } = await loadTeam(req);
    res.json({ data: presentTeam(team, await userNames(teamUserIds(team)), req.actor) });
  });

  router.post('/:id/requests', async (req, res) => {
    const user = requireUser(req);
    const { message } = parse(JoinRequestInput, req.body, 'request');
    const { team, challenge } = await loadTeam(req);
    authorize(req.actor, 'participate', 'challenge', challengeSubject(challenge));
    const r = await requestToJoin({ team, user, message });
    await ctx.bus.publish(r.events);
    await replyAndAnnounce(res, r.team, req.actor);
  });

  router.post('/:id/requests/:userId', async (req, res) => {
    requireUser(req);
    const { userId } = parse(TeamMemberParams, req.params, 'path');
    const { approve, reason } = parse(JoinDecision, req.body, 'decision');
    const { team, subject } = await loadTeam(req);
    authorize(req.actor, 'manage', 'team', subject);
    const r = await decideJoinRequest({ team, userId, approve, reason });
    await ctx.bus.publish(r.events);
    await replyAndAnnounce(res, r.team, req.actor);
  });

  router.post('/:id/leave', async (req, res) => {
    const user = requireUser(req);
    const { team } = await loadTeam(req);
    const r = await removeFromTeam({ teamId: team.id as string, userId: user.id as string, byLead: false });
    await ctx.bus.publish(r.events);
    await replyAndAnnounce(res, r.team, req.actor);
  });

  router.delete('/:id/members/:userId', async (req, res) => {
    requireUser(req);
    const { userId } = parse(TeamMemberParams, req.params, 'path');
    const { team, subject } = await loadTeam(req);
    authorize(req.actor, 'manage', 'team', subject);
    if (userId === req.actor?.id) throw badRequest('Use leave to leave your own team');
    const r = await removeFromTeam({ teamId: team.id as string, userId, byLead: true });
    await ctx.bus.publish(r.events);
    await replyAndAnnounce(res, r.team, req.actor);
  });

  return router;
}

/** Challenge-scoped team routes: list and create (mounted under /api/challenges/:id/teams). */
export function challengeTeamsRouter(ctx: AppContext): Router {
  const router = Router({ mergeParams: true });

  router.get('/', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'path');
    const challenge = await loadChallenge(id);
    try {
      authorize(req.actor, 'read', 'challenge', challengeSubject(challenge));
    } catch {
      throw notFound('Challenge');
    }
    const teams = await Team.find({ challengeId: challenge._id, status: 'active' }).sort({ createdAt: 1 });
    const names = await userNames(teams.flatMap(teamUserIds));
    res.json({ data: teams.map((t) => presentTeam(t, names, req.actor)) });
  });

  router.post('/', async (req, res) => {
    const user = requireUser(req);
    const { id } = parse(IdParams, req.params, 'path');
    const { name } = parse(TeamInput, req.body, 'team');
    const challenge = await loadChallenge(id);
    authorize(req.actor, 'participate', 'challenge', challengeSubject(challenge));
    const r = await createTeam({ challenge, user, name });
    const names = await userNames(teamUserIds(r.team));
    ctx.realtime.emit(rooms.challenge(id), 'team:created', presentTeam(r.team, names, null));
    await ctx.bus.publish(r.events);
    res.status(201).json({ data: presentTeam(r.team, names, req.actor) });
  });

  return router;
}
