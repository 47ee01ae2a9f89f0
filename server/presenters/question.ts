import type { QuestionView } from '../../shared/schemas/question';
import type { QuestionDocument } from '../models/Question';

export function presentQuestion(q: QuestionDocument, names: Map<string, string>): QuestionView {
  const askerId = String(q.askerId);
  const answerBy = q.answer?.by ? String(q.answer.by) : '';
  return {
    id: q.id as string,
    challengeId: String(q.challengeId),
    text: q.text,
    visibility: q.visibility as 'public' | 'private',
    asker: { id: askerId, name: names.get(askerId) ?? '' },
    answer: q.answer?.text ? { text: q.answer.text, by: { id: answerBy, name: names.get(answerBy) ?? '' }, at: (q.answer.at ?? new Date()).toISOString() } : null,
    createdAt: (q.get('createdAt') as Date).toISOString(),
  };
}
