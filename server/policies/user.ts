import { definePolicy, type Actor } from './registry';

declare module './registry' {
  interface PolicyMap {
    /** read: public profile; readPrivate: email etc.; update: own profile; manage: roles, disabling (admin). */
    user: { action: 'read' | 'readPrivate' | 'update' | 'manage' | 'list'; subject: { id: string } | null };
  }
}

definePolicy('user', (actor: Actor, action, subject) => {
  switch (action) {
    case 'read':
      return true;
    case 'readPrivate':
    case 'update':
      return !!actor && !!subject && actor.id === subject.id;
    case 'manage':
    case 'list':
      return false; // admin only (admins pass in the registry)
  }
});
