import { definePolicy, hasRole } from './registry';

/** The facts about a submission the rules read. */
export interface SubmissionSubject {
  organizationId: string;
  memberIds: string[];
}

declare module './registry' {
  interface PolicyMap {
    /**
     * read: the submitting team's members and the challenge's organisation (its representatives);
     * review: score, comment, accept or decline (the organisation only). Competing teams never
     * see each other's submissions.
     */
    submission: { action: 'read' | 'review'; subject: SubmissionSubject };
  }
}

definePolicy('submission', (actor, action, s) => {
  const represents = hasRole(actor, 'representative') && actor?.organizationId === s.organizationId;
  switch (action) {
    case 'read':
      return represents || (!!actor && s.memberIds.includes(actor.id));
    case 'review':
      return represents;
  }
}, { personal: ['read', 'review'] }); // a team's solution is the team's and the company's: the admin sees aggregates only
