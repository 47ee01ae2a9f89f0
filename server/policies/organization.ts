import { definePolicy, hasRole } from './registry';

declare module './registry' {
  interface PolicyMap {
    /** read: anyone; create/update: admin; represent: act for it (post challenges, answer, review). */
    organization: { action: 'read' | 'create' | 'update' | 'represent'; subject: { id: string } | null };
  }
}

definePolicy('organization', (actor, action, subject) => {
  switch (action) {
    case 'read':
      return true;
    case 'create':
    case 'update':
      return false; // admin only
    case 'represent':
      return hasRole(actor, 'representative') && !!subject && actor?.organizationId === subject.id;
  }
}, { personal: ['represent'] });
