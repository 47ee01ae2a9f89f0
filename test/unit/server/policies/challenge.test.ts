import { describe, expect, it } from 'vitest';
import { can, type Actor } from '../../../../server/policies';
import type { ChallengeSubject } from '../../../../server/policies/challenge';

const rep: Actor = { id: 'r', roles: ['representative'], organizationId: 'o1' };
const otherRep: Actor = { id: 'r2', roles: ['representative'], organizationId: 'o2' };
const expert: Actor = { id: 'e', roles: ['expert'], organizationId: null };
const memberExpert: Actor = { id: 'm', roles: ['expert'], organizationId: 'o2' };
const open: ChallengeSubject = { organizationId: 'o1', visibility: 'public', status: 'open' };
const membersOnly: ChallengeSubject = { ...open, visibility: 'members' };
const draft: ChallengeSubject = { ...open, status: 'draft' };

describe('challenge policy', () => {
  it('read: public to all, alliance-only to members, drafts to the owner', () => {
    expect(can(null, 'read', 'challenge', open)).toBe(true);
    expect(can(expert, 'read', 'challenge', membersOnly)).toBe(false);
    expect(can(memberExpert, 'read', 'challenge', membersOnly)).toBe(true);
    expect(can(otherRep, 'read', 'challenge', draft)).toBe(false);
    expect(can(rep, 'read', 'challenge', draft)).toBe(true);
  });
  it('update/answer/review: only the owning organisation', () => {
    for (const action of ['update', 'answer', 'review', 'transition', 'invite'] as const) {
      expect(can(rep, action, 'challenge', open)).toBe(true);
      expect(can(otherRep, action, 'challenge', open)).toBe(false);
      expect(can(expert, action, 'challenge', open)).toBe(false);
    }
  });
  it('ask: logged-in readers other than the owner, while open or reviewing', () => {
    expect(can(expert, 'ask', 'challenge', open)).toBe(true);
    expect(can(null, 'ask', 'challenge', open)).toBe(false);
    expect(can(rep, 'ask', 'challenge', open)).toBe(false);
    expect(can(expert, 'ask', 'challenge', { ...open, status: 'closed' })).toBe(false);
  });
  it('participate: experts outside the organisation, while open', () => {
    expect(can(expert, 'participate', 'challenge', open)).toBe(true);
    expect(can(expert, 'participate', 'challenge', { ...open, status: 'reviewing' })).toBe(false);
    expect(can({ ...rep!, roles: ['representative', 'expert'] }, 'participate', 'challenge', open)).toBe(false);
    expect(can(expert, 'participate', 'challenge', membersOnly)).toBe(false);
  });
});
