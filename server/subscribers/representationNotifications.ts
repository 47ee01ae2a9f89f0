import { notify } from '../commands/notifications/notify';
import type { AppContext } from '../context';
import { subscriber } from '../events/bus';
import { User } from '../models/User';
import { representativeIds } from '../commands/organizations/representatives';

/** Approvers hear of a request — the organisation's representatives, or the admins for its first one; the requester of the decision. */
export const representationNotifications = (ctx: AppContext) =>
  subscriber({
    name: 'representationNotifications',
    scope: 'once',
    events: ['representation.requested', 'representation.decided'],
    async handle(e) {
      if (e.name === 'representation.requested') {
        const { organizationId, organizationName, userName, userId } = e.data;
        let approvers = await representativeIds(organizationId);
        if (approvers.length === 0) approvers = (await User.find({ roles: 'admin', disabled: false }, { _id: 1 }).lean()).map((a) => String(a._id));
        const data = { organizationName, actorName: userName };
        await notify({ realtime: ctx.realtime, userIds: approvers, kind: 'representation.requested', data, link: '/representatives', exceptUserId: userId });
        return;
      }
      const { userId, organizationName, approved, reason, deciderId } = e.data;
      const kind = approved ? 'representation.approved' : 'representation.rejected';
      await notify({ realtime: ctx.realtime, userIds: [userId], kind, data: { organizationName, text: reason }, link: '/profile', exceptUserId: deciderId });
    },
  });
