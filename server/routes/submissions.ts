import { Router, type Request } from 'express';
import { IdParams } from '../../shared/schemas/common';
import { ExportParams, ReviewInput } from '../../shared/schemas/submission';
import { loadChallenge } from '../commands/challenges/load';
import { reviewSubmission } from '../commands/workspaces/review';
import type { AppContext } from '../context';
import { notFound, parse } from '../errors';
import { requireUser } from '../middlewares/authenticate';
import { Submission, type SubmissionDocument } from '../models/Submission';
import { authorize, can } from '../policies';
import { challengeSubject } from '../presenters/challenge';
import { presentSubmission, submissionSubject, submissionUserIds } from '../presenters/submission';
import { userNames } from '../presenters/team';
import { attachment, markdownExport, printableHtml } from '../presenters/submissionExport';

/** A submission the actor may read (its team or the organisation); 404 for everyone else. */
async function readable(req: Request, id = parse(IdParams, req.params, 'path').id) {
  const submission = await Submission.findById(id);
  if (!submission || !can(req.actor, 'read', 'submission', submissionSubject(submission))) throw notFound('Submission');
  const challenge = await loadChallenge(String(submission.challengeId));
  return { submission, challenge };
}

async function isLatest(s: SubmissionDocument): Promise<boolean> {
  return (await Submission.countDocuments({ teamId: s.teamId, round: { $gt: s.round } })) === 0;
}

/** Single submissions under /api/submissions: view, review, export. */
export function submissionsRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/:id', async (req, res) => {
    const { submission, challenge } = await readable(req);
    const names = await userNames(submissionUserIds([submission]));
    res.json({ data: presentSubmission(submission, { names, challengeTitle: challenge.title, latest: await isLatest(submission), actor: req.actor, withHtml: true }) });
  });

  router.post('/:id/review', async (req, res) => {
    const reviewer = requireUser(req);
    const input = parse(ReviewInput, req.body, 'review');
    const { submission, challenge } = await readable(req);
    authorize(req.actor, 'review', 'submission', submissionSubject(submission));
    const r = await reviewSubmission({ submission, challenge, reviewerId: reviewer.id as string, input });
    await ctx.bus.publish(r.events);
    const names = await userNames(submissionUserIds([r.submission]));
    res.json({ data: presentSubmission(r.submission, { names, challengeTitle: challenge.title, latest: await isLatest(r.submission), actor: req.actor }) });
  });

  router.get('/:id/export/:format', async (req, res) => {
    const { id, format } = parse(ExportParams, req.params, 'path');
    const { submission, challenge } = await readable(req, id);
    if (format === 'md') {
      res.set('content-disposition', attachment(submission, challenge.title, 'md')).type('text/markdown; charset=utf-8').send(markdownExport(submission, challenge.title));
    } else {
      res.type('html').send(printableHtml(submission, challenge.title));
    }
  });

  return router;
}

/** The organisation's review list, mounted under /api/challenges/:id/submissions. */
export function challengeSubmissionsRouter(): Router {
  const router = Router({ mergeParams: true });
  router.get('/', async (req, res) => {
    requireUser(req);
    const { id } = parse(IdParams, req.params, 'path');
    const challenge = await loadChallenge(id);
    if (!can(req.actor, 'read', 'challenge', challengeSubject(challenge))) throw notFound('Challenge');
    authorize(req.actor, 'review', 'challenge', challengeSubject(challenge));
    const list = await Submission.find({ challengeId: challenge._id }).select('-state -markdown').sort({ createdAt: -1 });
    const names = await userNames(submissionUserIds(list));
    const newest = new Map<string, number>();
    for (const s of list) newest.set(String(s.teamId), Math.max(newest.get(String(s.teamId)) ?? 0, s.round));
    res.json({ data: list.map((s) => presentSubmission(s, { names, challengeTitle: challenge.title, latest: newest.get(String(s.teamId)) === s.round, actor: req.actor, withHtml: true })) });
  });
  return router;
}
