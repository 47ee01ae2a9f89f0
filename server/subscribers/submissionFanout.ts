/**
 * A submission, and each review of it, reach the team's members and the organisation's
 * representatives (`org:<id>`, kept true by socketRights) live — the organisation with the
 * frozen rendering, so its review page shows the body without a reload.
 */
import { rooms } from '../../shared/events';
import type { AppContext } from '../context';
import { subscriber } from '../events/bus';
import { Challenge } from '../models/Challenge';
import { Submission } from '../models/Submission';
import { presentSubmission, submissionUserIds } from '../presenters/submission';
import { userNames } from '../presenters/team';

export const submissionFanout = (ctx: AppContext) =>
  subscriber({
    name: 'submissionFanout',
    scope: 'once',
    events: ['submission.created', 'submission.reviewed'],
    async handle(e) {
      const [s, challenge] = await Promise.all([Submission.findById(e.data.submissionId).select('-state -markdown'), Challenge.findById(e.data.challengeId, { title: 1 }).lean()]);
      if (!s || !challenge) return;
      const [names, newer] = await Promise.all([userNames(submissionUserIds([s])), Submission.countDocuments({ teamId: s.teamId, round: { $gt: s.round } })]);
      const view = (withHtml: boolean) => presentSubmission(s, { names, challengeTitle: challenge.title, latest: newer === 0, actor: null, withHtml });
      const name = e.name === 'submission.created' ? 'submission:created' : 'submission:reviewed';
      ctx.realtime.emit(s.memberIds.map((m) => rooms.user(String(m))), name, view(false));
      ctx.realtime.emit(rooms.organization(String(s.organizationId)), name, { ...view(true), me: { review: true } });
    },
  });
