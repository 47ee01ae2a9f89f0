/**
 * Open collaborative documents follow every change of rights at once: a session that ended
 * closes its connections (4401), a disabled account all of its own (4401), a member who left or
 * was removed their connections to the team's document (4403), a disbanded team every
 * connection to it (4403). Anything such a connection still sends is dropped unapplied
 * (Connection.revoke). Other changes of an account's rights re-decide its connections by policy.
 */
import { teamDocumentName } from '../../shared/schemas/team';
import { attachedCollab } from '../collab';
import type { AppContext } from '../context';
import { subscriber } from '../events/bus';
import { User } from '../models/User';
import { actorOf } from '../policies';

export const collabAccess = (ctx: AppContext) =>
  subscriber({
    name: 'collabAccess',
    scope: 'everyProcess',
    events: ['session.ended', 'user.disabled', 'team.memberRemoved', 'team.disbanded', 'user.rightsChanged'],
    async handle(e) {
      const collab = attachedCollab(ctx);
      if (!collab) return;
      switch (e.name) {
        case 'session.ended': {
          const ended = new Set(e.data.sessionIds);
          collab.revoke((c) => ended.has(c.context.sessionId), 'unauthenticated');
          return;
        }
        case 'user.disabled':
          collab.revoke((c) => c.userId === e.data.userId, 'unauthenticated');
          return;
        case 'team.memberRemoved': {
          const doc = teamDocumentName(e.data.teamId);
          collab.revoke((c) => c.shared.name === doc && c.userId === e.data.userId, 'forbidden');
          return;
        }
        case 'team.disbanded': {
          const doc = teamDocumentName(e.data.teamId);
          collab.revoke((c) => c.shared.name === doc, 'forbidden');
          return;
        }
        case 'user.rightsChanged': {
          const actor = actorOf(await User.findById(e.data.userId));
          for (const c of collab.connections) if (c.userId === e.data.userId) c.context.actor = actor;
          await collab.revalidate();
        }
      }
    },
  });
