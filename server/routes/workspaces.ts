import { Router, type Request } from 'express';
import { rooms } from '../../shared/events';
import { IdParams } from '../../shared/schemas/common';
import { SubmissionInput } from '../../shared/schemas/submission';
import { VersionInput, VersionParams } from '../../shared/schemas/workspace';
import { collabOf } from '../collab';
import { renderHtml } from '../collab/render';
import { orgBrief } from '../commands/challenges/load';
import { loadWorkspace } from '../commands/workspaces/load';
import { submitVersion } from '../commands/workspaces/submit';
import { restoreVersion, saveVersion } from '../commands/workspaces/versions';
import type { AppContext } from '../context';
import { notFound, parse } from '../errors';
import { requireUser } from '../middlewares/authenticate';
import { Submission } from '../models/Submission';
import { Team } from '../models/Team';
import { Version } from '../models/Version';
import { authorize, can } from '../policies';
import { presentSubmission, submissionUserIds } from '../presenters/submission';
import { userNames } from '../presenters/team';
import { presentVersion } from '../presenters/version';
import { presentWorkspace } from '../presenters/workspace';

/** A workspace the actor works in; 404 for everyone else so private work stays invisible. */
async function workspaceOf(req: Request) {
  requireUser(req);
  const { id } = parse(IdParams, req.params, 'path');
  const w = await loadWorkspace(id);
  if (!can(req.actor, 'edit', 'workspace', w.subject)) throw notFound('Workspace');
  return w;
}

async function loadVersion(req: Request, versionId = parse(VersionParams, req.params, 'path').versionId) {
  const w = await workspaceOf(req);
  const version = await Version.findById(versionId);
  if (!version || String(version.teamId) !== (w.team.id as string)) throw notFound('Version');
  return { w, version };
}

/** Team workspaces under /api/workspaces: the page, versions, restore, submit and history. */
export function workspacesRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const user = requireUser(req);
    const teams = await Team.find({ 'members.userId': user._id, status: 'active' }).sort({ updatedAt: -1 });
    const loaded = await Promise.all(teams.map((t) => loadWorkspace(t.id as string).catch(() => null)));
    const names = await userNames(teams.flatMap((t) => t.members.map((m) => String(m.userId))));
    const views = [];
    for (const w of loaded) if (w) views.push(presentWorkspace(w, names, (await orgBrief(String(w.challenge.organizationId))).name, req.actor));
    res.json({ data: views });
  });

  router.get('/:id', async (req, res) => {
    const w = await workspaceOf(req);
    const names = await userNames(w.subject.memberIds);
    res.json({ data: presentWorkspace(w, names, (await orgBrief(String(w.challenge.organizationId))).name, req.actor) });
  });

  router.get('/:id/versions', async (req, res) => {
    const w = await workspaceOf(req);
    const versions = await Version.find({ teamId: w.team._id }).select('-state').sort({ createdAt: -1 }); // lists never carry the states
    const names = await userNames(versions.map((v) => String(v.authorId)));
    res.json({ data: versions.map((v) => presentVersion(v, names)) });
  });

  router.post('/:id/versions', async (req, res) => {
    const user = requireUser(req);
    const { name } = parse(VersionInput, req.body, 'version');
    const w = await workspaceOf(req);
    const version = await saveVersion({ collab: collabOf(ctx), teamId: w.team.id as string, authorId: user.id as string, name });
    const view = presentVersion(version, new Map([[user.id as string, user.name]]));
    res.status(201).json({ data: view });
    ctx.realtime.emit(w.subject.memberIds.map(rooms.user), 'version:created', view);
  });

  router.get('/:id/versions/:versionId', async (req, res) => {
    const { version } = await loadVersion(req);
    const names = await userNames([String(version.authorId)]);
    res.json({ data: presentVersion(version, names, renderHtml(new Uint8Array(version.state))) });
  });

  router.post('/:id/versions/:versionId/restore', async (req, res) => {
    const { w, version } = await loadVersion(req);
    await restoreVersion({ collab: collabOf(ctx), teamId: w.team.id as string, version });
    res.json({ data: presentVersion(version, await userNames([String(version.authorId)])) });
  });

  router.get('/:id/submissions', async (req, res) => {
    const w = await workspaceOf(req);
    const list = await Submission.find({ teamId: w.team._id }).select('-state -html -markdown').sort({ round: -1 });
    const names = await userNames(submissionUserIds(list));
    res.json({ data: list.map((s, i) => presentSubmission(s, { names, challengeTitle: w.challenge.title, latest: i === 0, actor: req.actor })) });
  });

  router.post('/:id/submissions', async (req, res) => {
    const user = requireUser(req);
    const { versionId, note } = parse(SubmissionInput, req.body, 'submission');
    const { w, version } = await loadVersion(req, versionId);
    authorize(req.actor, 'submit', 'workspace', w.subject);
    const { submission, events } = await submitVersion({ team: w.team, challenge: w.challenge, version, userId: user.id as string, note });
    await ctx.bus.publish(events);
    const names = new Map([[user.id as string, user.name]]);
    res.status(201).json({ data: presentSubmission(submission, { names, challengeTitle: w.challenge.title, latest: true, actor: req.actor }) });
  });

  return router;
}
