import type { AnswerInput, QuestionInput } from '../../../shared/schemas/question';
import { conflict, notFound } from '../../errors';
import type { ChallengeDocument } from '../../models/Challenge';
import { Question, type QuestionDocument } from '../../models/Question';
import type { UserDocument } from '../../models/User';

export async function askQuestion(props: { challenge: ChallengeDocument; asker: UserDocument; input: QuestionInput }): Promise<QuestionDocument> {
  return Question.create({ challengeId: props.challenge._id, askerId: props.asker._id, text: props.input.text, visibility: props.input.visibility });
}

/** The organisation answers; answering twice edits the answer (guarded to this challenge). */
export async function answerQuestion(props: { challenge: ChallengeDocument; questionId: string; author: UserDocument; input: AnswerInput }): Promise<QuestionDocument> {
  const q = await Question.findOneAndUpdate(
    { _id: props.questionId, challengeId: props.challenge._id },
    { $set: { answer: { text: props.input.text, by: props.author._id, at: new Date() } } },
    { returnDocument: 'after' },
  );
  if (!q) throw notFound('Question');
  if (!q.answer) throw conflict('Answer was not saved');
  return q;
}

/** Questions of a challenge that pass `visible` (public, or private to the viewer), oldest first. */
export async function listQuestions(challenge: ChallengeDocument, visible: (q: QuestionDocument) => boolean): Promise<QuestionDocument[]> {
  const all = await Question.find({ challengeId: challenge._id }).sort({ createdAt: 1 }).limit(500);
  return all.filter(visible);
}
