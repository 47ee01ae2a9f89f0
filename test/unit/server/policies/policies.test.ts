import { describe, expect, it } from 'vitest';
import { authorize, can, type Actor } from '../../../../server/policies';

const expert: Actor = { id: 'u1', roles: ['expert'], organizationId: null };
const rep: Actor = { id: 'u2', roles: ['representative'], organizationId: 'o1' };
const admin: Actor = { id: 'u3', roles: ['admin'], organizationId: null };

describe('user policy', () => {
  it('lets a user update their own profile (allow) but not another (deny)', () => {
    expect(can(expert, 'update', 'user', { id: 'u1' })).toBe(true);
    expect(can(expert, 'update', 'user', { id: 'u2' })).toBe(false);
  });
  it('lets only the admin manage and list accounts', () => {
    expect(can(admin, 'manage', 'user', { id: 'u1' })).toBe(true);
    expect(can(rep, 'manage', 'user', { id: 'u1' })).toBe(false);
    expect(can(null, 'list', 'user', null)).toBe(false);
  });
  it('shows public profiles to anyone', () => {
    expect(can(null, 'read', 'user', { id: 'u1' })).toBe(true);
  });
});

describe('organization policy', () => {
  it('lets a representative act for their own organisation only', () => {
    expect(can(rep, 'represent', 'organization', { id: 'o1' })).toBe(true);
    expect(can(rep, 'represent', 'organization', { id: 'o2' })).toBe(false);
    expect(can(expert, 'represent', 'organization', { id: 'o1' })).toBe(false);
  });
  it('lets only the admin create organisations', () => {
    expect(can(admin, 'create', 'organization', null)).toBe(true);
    expect(can(rep, 'create', 'organization', null)).toBe(false);
  });
});

describe('authorize', () => {
  it('throws 401 for anonymous and 403 for a logged-in actor', () => {
    expect(() => authorize(null, 'update', 'user', { id: 'u1' })).toThrow(expect.objectContaining({ code: 'unauthenticated', status: 401 }));
    expect(() => authorize(expert, 'update', 'user', { id: 'u2' })).toThrow(expect.objectContaining({ code: 'forbidden', status: 403 }));
    expect(() => authorize(expert, 'update', 'user', { id: 'u1' })).not.toThrow();
  });
});

describe('the admin and personal actions', () => {
  const team = { leadId: 'u1', memberIds: ['u1'], challenge: { organizationId: 'o1', visibility: 'public' as const, status: 'open' as const } };
  const chat = { founderId: 'f1', advisorId: 'a1', state: 'open' as const, rated: false };
  const adminAdvisor: Actor = { id: 'u9', roles: ['admin', 'advisor'], organizationId: null };

  it('moderates: reads, edits and closes any challenge, approves representatives', () => {
    expect(can(admin, 'read', 'challenge', team.challenge)).toBe(true);
    expect(can(admin, 'update', 'challenge', team.challenge)).toBe(true);
    expect(can(admin, 'transition', 'challenge', team.challenge)).toBe(true);
    expect(can(admin, 'decide', 'representation', { organizationId: team.challenge.organizationId })).toBe(true);
  });
  it('never acts as the company, a team lead or a founder (issue 13, finding 7)', () => {
    expect(can(admin, 'review', 'submission', { organizationId: team.challenge.organizationId, memberIds: ['m1'] })).toBe(false);
    expect(can(admin, 'read', 'submission', { organizationId: team.challenge.organizationId, memberIds: ['m1'] })).toBe(false);
    expect(can(admin, 'review', 'challenge', team.challenge)).toBe(false);
    expect(can(admin, 'answer', 'challenge', team.challenge)).toBe(false);
    expect(can(admin, 'create', 'challenge', team.challenge)).toBe(false);
    expect(can(admin, 'invite', 'challenge', team.challenge)).toBe(false);
    expect(can(admin, 'manage', 'team', team)).toBe(false);
    expect(can(admin, 'read', 'adviceRequest', { founderId: 'f1', offeredTo: null })).toBe(false);
    expect(can(admin, 'represent', 'organization', { id: team.challenge.organizationId })).toBe(false);
  });
  it('does not act as someone else: a team’s private workspace, a consultation, an offer to another advisor', () => {
    expect(can(admin, 'work', 'team', team)).toBe(false);
    expect(can(admin, 'edit', 'workspace', team)).toBe(false);
    expect(can(admin, 'submit', 'workspace', team)).toBe(false);
    expect(can(admin, 'read', 'chatSession', chat)).toBe(false);
    expect(can(admin, 'post', 'chatSession', chat)).toBe(false);
    expect(can(admin, 'respond', 'adviceRequest', { founderId: 'f1', offeredTo: 'a1' })).toBe(false);
    expect(can(admin, 'participate', 'challenge', team.challenge)).toBe(false);
    expect(can(admin, 'work', 'advisorConsole', null)).toBe(false);
  });
  it('still does personal things in the roles the account holds', () => {
    expect(can({ ...admin!, id: 'u1' }, 'edit', 'workspace', team)).toBe(true);
    expect(can(adminAdvisor, 'work', 'advisorConsole', null)).toBe(true);
    expect(can(adminAdvisor, 'respond', 'adviceRequest', { founderId: 'f1', offeredTo: 'u9' })).toBe(true);
  });
});
