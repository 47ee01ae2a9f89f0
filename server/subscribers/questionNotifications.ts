import { notify } from '../commands/notifications/notify';
import type { AppContext } from '../context';
import { subscriber } from '../events/bus';
import { Challenge } from '../models/Challenge';
import { Question } from '../models/Question';
import { User } from '../models/User';
import { representativeIds } from '../commands/organizations/representatives';

/** The organisation's representatives hear of a question; the asker of its answer. */
export const questionNotifications = (ctx: AppContext) =>
  subscriber({
    name: 'questionNotifications',
    scope: 'once',
    events: ['question.asked', 'question.answered'],
    async handle(e) {
      const [q, challenge] = await Promise.all([Question.findById(e.data.questionId).lean(), Challenge.findById(e.data.challengeId, { title: 1, organizationId: 1 }).lean()]);
      if (!q || !challenge) return;
      const link = `/challenges/${e.data.challengeId}`;
      const base = { challengeId: e.data.challengeId, challengeTitle: challenge.title };
      if (e.name === 'question.asked') {
        const [reps, asker] = await Promise.all([
          representativeIds(challenge.organizationId),
          User.findById(e.data.askerId, { name: 1 }).lean(),
        ]);
        await notify({ realtime: ctx.realtime, userIds: reps, kind: 'question.asked', data: { ...base, actorName: asker?.name ?? '', text: q.text.slice(0, 140) }, link });
        return;
      }
      const answerer = await User.findById(e.data.answererId, { name: 1 }).lean();
      const data = { ...base, actorName: answerer?.name ?? '', text: (q.answer?.text ?? '').slice(0, 140) };
      await notify({ realtime: ctx.realtime, userIds: [e.data.askerId], kind: 'question.answered', data, link, exceptUserId: e.data.answererId });
    },
  });
