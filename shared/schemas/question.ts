import { z } from 'zod';

export const QuestionInput = z.object({
  text: z.string().trim().min(2).max(2000),
  /** Public questions are seen by everyone; private ones only by the asker and the organisation. */
  visibility: z.enum(['public', 'private']).default('public'),
});
export type QuestionInput = z.infer<typeof QuestionInput>;

export const AnswerInput = z.object({ text: z.string().trim().min(1).max(4000) });
export type AnswerInput = z.infer<typeof AnswerInput>;

export interface QuestionView {
  id: string;
  challengeId: string;
  text: string;
  visibility: 'public' | 'private';
  asker: { id: string; name: string };
  answer: { text: string; by: { id: string; name: string }; at: string } | null;
  createdAt: string;
}
