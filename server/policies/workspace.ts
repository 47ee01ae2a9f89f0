import { definePolicy } from './registry';
import type { TeamSubject } from './team';

declare module './registry' {
  interface PolicyMap {
    /**
     * A team's solution workspace (live document, comments, versions). edit: open the live
     * document and change it, save and restore versions (team members, as `team`/`work`);
     * submit: turn a version into a submission (the lead, while the challenge is open).
     * The organisation never opens the workspace: it reads submissions (see `submission`).
     */
    workspace: { action: 'edit' | 'submit'; subject: TeamSubject };
  }
}

definePolicy('workspace', (actor, action, s) => {
  const member = !!actor && s.memberIds.includes(actor.id);
  switch (action) {
    case 'edit':
      return member;
    case 'submit':
      return member && actor?.id === s.leadId && s.challenge.status === 'open';
  }
}, { personal: ['edit', 'submit'] });
