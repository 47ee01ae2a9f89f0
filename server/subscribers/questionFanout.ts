/**
 * A question and its answer reach the challenge's page room when public; a private one only
 * the asker and the organisation's representatives (their rooms are kept true by socketRights).
 */
import { rooms } from '../../shared/events';
import type { AppContext } from '../context';
import { subscriber } from '../events/bus';
import { Challenge } from '../models/Challenge';
import { Question } from '../models/Question';
import { presentQuestion } from '../presenters/question';
import { userNames } from '../presenters/team';

export const questionFanout = (ctx: AppContext) =>
  subscriber({
    name: 'questionFanout',
    scope: 'once',
    events: ['question.asked', 'question.answered'],
    async handle(e) {
      const [q, challenge] = await Promise.all([Question.findById(e.data.questionId), Challenge.findById(e.data.challengeId, { organizationId: 1 }).lean()]);
      if (!q || !challenge) return;
      const view = presentQuestion(q, await userNames([String(q.askerId), q.answer?.by ? String(q.answer.by) : ''].filter(Boolean)));
      const to = q.visibility === 'public' ? [rooms.challenge(e.data.challengeId)] : [rooms.user(String(q.askerId)), rooms.organization(String(challenge.organizationId))];
      ctx.realtime.emit(to, e.name === 'question.asked' ? 'question:created' : 'question:answered', view);
    },
  });
