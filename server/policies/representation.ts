import { definePolicy, type Actor } from './registry';

declare module './registry' {
  interface PolicyMap {
    /**
     * request: ask to represent an organisation (any account not representing one yet);
     * decide/list/invite: the organisation's approved representatives — and the alliance admin,
     * who moderates (and is the only approver of an organisation's first representative).
     */
    representation: { action: 'request' | 'decide' | 'list' | 'invite'; subject: { organizationId: string } };
  }
}

const represents = (actor: Actor, organizationId: string) => !!actor?.roles.includes('representative') && actor.organizationId === organizationId;

definePolicy('representation', (actor, action, s) => {
  switch (action) {
    case 'request':
      return !!actor && !actor.roles.includes('representative');
    case 'decide':
    case 'list':
    case 'invite':
      return represents(actor, s.organizationId);
  }
}, { personal: ['request'] });
