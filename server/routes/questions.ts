import { Router, type Request } from 'express';
import { z } from 'zod';
import { ObjectIdString } from '../../shared/schemas/common';
import { AnswerInput, QuestionInput } from '../../shared/schemas/question';
import { loadChallenge } from '../commands/challenges/load';
import { answerQuestion, askQuestion, listQuestions } from '../commands/questions/questions';
import type { AppContext } from '../context';
import { notFound, parse } from '../errors';
import { requireUser } from '../middlewares/authenticate';
import type { ChallengeDocument } from '../models/Challenge';
import type { QuestionDocument } from '../models/Question';
import { authorize, can, type Actor } from '../policies';
import { challengeSubject } from '../presenters/challenge';
import { presentQuestion } from '../presenters/question';
import { userNames } from '../presenters/team';

const Params = z.object({ id: ObjectIdString });
const AnswerParams = z.object({ id: ObjectIdString, questionId: ObjectIdString });

async function readableChallenge(req: Request) {
  const { id } = parse(Params, req.params, 'path');
  const challenge = await loadChallenge(id);
  if (!can(req.actor, 'read', 'challenge', challengeSubject(challenge))) throw notFound('Challenge');
  return challenge;
}

const subjectOf = (q: QuestionDocument, c: ChallengeDocument) => ({ askerId: String(q.askerId), visibility: q.visibility as 'public' | 'private', challenge: challengeSubject(c) });

/** Mounted under /api/challenges/:id/questions. */
export function questionsRouter(ctx: AppContext): Router {
  const router = Router({ mergeParams: true });

  router.get('/', async (req, res) => {
    const challenge = await readableChallenge(req);
    const actor: Actor = req.actor;
    const questions = await listQuestions(challenge, (q) => can(actor, 'read', 'question', subjectOf(q, challenge)));
    const names = await userNames(questions.flatMap((q) => [String(q.askerId), q.answer?.by ? String(q.answer.by) : '']));
    res.json({ data: questions.map((q) => presentQuestion(q, names)) });
  });

  router.post('/', async (req, res) => {
    const asker = requireUser(req);
    const input = parse(QuestionInput, req.body, 'question');
    const challenge = await readableChallenge(req);
    authorize(req.actor, 'ask', 'challenge', challengeSubject(challenge));
    const { question, events } = await askQuestion({ challenge, asker, input });
    await ctx.bus.publish(events);
    res.status(201).json({ data: presentQuestion(question, new Map([[asker.id as string, asker.name]])) });
  });

  router.post('/:questionId/answer', async (req, res) => {
    const author = requireUser(req);
    const { questionId } = parse(AnswerParams, req.params, 'path');
    const input = parse(AnswerInput, req.body, 'answer');
    const challenge = await readableChallenge(req);
    authorize(req.actor, 'answer', 'challenge', challengeSubject(challenge));
    const { question, events } = await answerQuestion({ challenge, questionId, author, input });
    await ctx.bus.publish(events);
    res.json({ data: presentQuestion(question, await userNames([String(question.askerId), author.id as string])) });
  });

  return router;
}
