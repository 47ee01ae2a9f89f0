import { notify } from '../commands/notifications/notify';
import type { AppContext } from '../context';
import { subscriber } from '../events/bus';
import { Challenge } from '../models/Challenge';
import { Submission } from '../models/Submission';
import { User } from '../models/User';
import { representativeIds } from '../commands/organizations/representatives';

/** The organisation's current representatives hear of a submission; the team's members of each review. */
export const submissionNotifications = (ctx: AppContext) =>
  subscriber({
    name: 'submissionNotifications',
    scope: 'once',
    events: ['submission.created', 'submission.reviewed'],
    async handle(e) {
      const [s, challenge] = await Promise.all([Submission.findById(e.data.submissionId).select('-state -html -markdown').lean(), Challenge.findById(e.data.challengeId, { title: 1 }).lean()]);
      if (!s || !challenge) return;
      const base = { challengeId: e.data.challengeId, challengeTitle: challenge.title, teamId: e.data.teamId, teamName: s.teamName };
      if (e.name === 'submission.created') {
        const [reps, submitter] = await Promise.all([
          representativeIds(s.organizationId),
          User.findById(e.data.submitterId, { name: 1 }).lean(),
        ]);
        const data = { ...base, actorName: submitter?.name ?? '' };
        await notify({ realtime: ctx.realtime, userIds: reps, kind: 'submission.received', data, link: `/challenges/${e.data.challengeId}/submissions` });
        return;
      }
      const accepted = e.data.decision === 'accepted';
      const data = { ...base, status: e.data.decision, text: (accepted ? s.review?.comment : s.review?.reason) ?? '' };
      await notify({ realtime: ctx.realtime, userIds: s.memberIds.map(String), kind: accepted ? 'submission.accepted' : 'submission.reviewed', data, link: `/workspaces/${e.data.teamId}` });
    },
  });
