import { definePolicy, hasRole } from './registry';
import { canRead, type ChallengeSubject } from './challenge';

export interface QuestionSubject {
  askerId: string;
  visibility: 'public' | 'private';
  challenge: ChallengeSubject;
}

declare module './registry' {
  interface PolicyMap {
    /** read: public questions with the challenge; private ones by the asker and the organisation. */
    question: { action: 'read'; subject: QuestionSubject };
  }
}

definePolicy('question', (actor, _action, s) => {
  if (!canRead(actor, s.challenge)) return false;
  if (s.visibility === 'public') return true;
  return !!actor && (actor.id === s.askerId || (hasRole(actor, 'representative') && actor.organizationId === s.challenge.organizationId));
});
