import { definePolicy } from './registry';
import { canRead, type ChallengeSubject } from './challenge';

export interface TeamSubject {
  leadId: string;
  memberIds: string[];
  challenge: ChallengeSubject;
}

declare module './registry' {
  interface PolicyMap {
    /** read: the public card (name, members); manage: approve, decline, remove (lead); work: open the
     * private workspace (members only; competing teams and the organisation never see it). */
    team: { action: 'read' | 'manage' | 'work'; subject: TeamSubject };
  }
}

definePolicy('team', (actor, action, s) => {
  switch (action) {
    case 'read':
      return canRead(actor, s.challenge);
    case 'manage':
      return !!actor && actor.id === s.leadId;
    case 'work':
      return !!actor && s.memberIds.includes(actor.id);
  }
}, { personal: ['work', 'manage'] }); // the admin never decides for a team's lead
