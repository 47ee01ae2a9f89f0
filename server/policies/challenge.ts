import type { ChallengeStatus, Visibility } from '../../shared/schemas/challenge';
import { definePolicy, hasRole, type Actor } from './registry';

/** The facts about a challenge that the rules read. */
export interface ChallengeSubject {
  organizationId: string;
  visibility: Visibility;
  status: ChallengeStatus;
}

declare module './registry' {
  interface PolicyMap {
    /**
     * read: see it anywhere (lists, search, rooms, URL); create/update/transition/answer/invite/review:
     * act for the owning organisation; ask: post a question; participate: accept terms, form or join a team.
     */
    challenge: {
      action: 'read' | 'create' | 'update' | 'transition' | 'answer' | 'invite' | 'review' | 'ask' | 'participate';
      subject: ChallengeSubject;
    };
  }
}

/** Alliance members are accounts that belong to one of the alliance's organisations. */
export const isAllianceMember = (actor: Actor): boolean => !!actor?.organizationId;
const represents = (actor: Actor, s: ChallengeSubject) => hasRole(actor, 'representative') && actor?.organizationId === s.organizationId;

export function canRead(actor: Actor, s: ChallengeSubject): boolean {
  if (represents(actor, s)) return true;
  if (s.status === 'draft') return false;
  return s.visibility === 'public' || isAllianceMember(actor);
}

definePolicy('challenge', (actor, action, s) => {
  switch (action) {
    case 'read':
      return canRead(actor, s);
    case 'create':
    case 'update':
    case 'transition':
    case 'answer':
    case 'invite':
    case 'review':
      return represents(actor, s);
    case 'ask':
      // the organisation answers; it does not ask itself
      return !!actor && !represents(actor, s) && canRead(actor, s) && (s.status === 'open' || s.status === 'reviewing');
    case 'participate':
      return hasRole(actor, 'expert') && canRead(actor, s) && s.status === 'open' && actor?.organizationId !== s.organizationId;
  }
}, { personal: ['participate', 'create', 'answer', 'invite', 'review'] }); // the admin moderates (reads, edits, closes), never acts as the company
