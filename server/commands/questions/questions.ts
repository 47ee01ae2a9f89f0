import type { AnswerInput, QuestionInput } from '../../../shared/schemas/question';
import { conflict, notFound } from '../../errors';
import { event, type DomainEvent } from '../../events/types';
import type { ChallengeDocument } from '../../models/Challenge';
import { Question, type QuestionDocument } from '../../models/Question';
import type { UserDocument } from '../../models/User';

export async function askQuestion(props: { challenge: ChallengeDocument; asker: UserDocument; input: QuestionInput }): Promise<{ question: QuestionDocument; events: DomainEvent[] }> {
  const question = await Question.create({ challengeId: props.challenge._id, askerId: props.asker._id, text: props.input.text, visibility: props.input.visibility });
  const data = { questionId: question.id as string, challengeId: props.challenge.id as string, askerId: props.asker.id as string, visibility: props.input.visibility };
  return { question, events: [event('question.asked', data)] };
}

/** The organisation answers; answering twice edits the answer (guarded to this challenge). */
export async function answerQuestion(props: {
  challenge: ChallengeDocument;
  questionId: string;
  author: UserDocument;
  input: AnswerInput;
}): Promise<{ question: QuestionDocument; events: DomainEvent[] }> {
  const q = await Question.findOneAndUpdate(
    { _id: props.questionId, challengeId: props.challenge._id },
    { $set: { answer: { text: props.input.text, by: props.author._id, at: new Date() } } },
    { returnDocument: 'after' },
  );
  if (!q) throw notFound('Question');
  if (!q.answer) throw conflict('Answer was not saved');
  const data = { questionId: q.id as string, challengeId: props.challenge.id as string, askerId: String(q.askerId), answererId: props.author.id as string, visibility: q.visibility as 'public' | 'private' };
  return { question: q, events: [event('question.answered', data)] };
}

/** Questions of a challenge that pass `visible` (public, or private to the viewer), oldest first. */
export async function listQuestions(challenge: ChallengeDocument, visible: (q: QuestionDocument) => boolean): Promise<QuestionDocument[]> {
  const all = await Question.find({ challengeId: challenge._id }).sort({ createdAt: 1 }).limit(500);
  return all.filter(visible);
}
