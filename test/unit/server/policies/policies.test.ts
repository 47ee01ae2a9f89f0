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
