import { notify } from '../commands/notifications/notify';
import type { AppContext } from '../context';
import { subscriber } from '../events/bus';
import { Challenge } from '../models/Challenge';
import { Team } from '../models/Team';
import { User } from '../models/User';

/** The lead hears of a join request; the expert of the decision and of a removal. */
export const teamNotifications = (ctx: AppContext) =>
  subscriber({
    name: 'teamNotifications',
    scope: 'once',
    events: ['team.joinRequested', 'team.joinDecided', 'team.memberRemoved'],
    async handle(e) {
      if (e.name === 'team.memberRemoved' && !e.data.byLead) return;
      const [team, challenge] = await Promise.all([Team.findById(e.data.teamId, { name: 1, leadId: 1 }).lean(), Challenge.findById(e.data.challengeId, { title: 1 }).lean()]);
      if (!team || !challenge) return;
      const base = { challengeId: e.data.challengeId, challengeTitle: challenge.title, teamId: e.data.teamId, teamName: team.name };
      const challengeLink = `/challenges/${e.data.challengeId}`;
      if (e.name === 'team.joinRequested') {
        const asker = await User.findById(e.data.userId, { name: 1 }).lean();
        await notify({ realtime: ctx.realtime, userIds: [String(team.leadId)], kind: 'team.joinRequested', data: { ...base, actorName: asker?.name ?? '', text: e.data.message }, link: challengeLink });
      } else if (e.name === 'team.joinDecided') {
        const kind = e.data.approved ? 'team.joinApproved' : 'team.joinDeclined';
        await notify({ realtime: ctx.realtime, userIds: [e.data.userId], kind, data: { ...base, text: e.data.reason }, link: e.data.approved ? `/workspaces/${e.data.teamId}` : challengeLink });
      } else {
        await notify({ realtime: ctx.realtime, userIds: [e.data.userId], kind: 'team.removed', data: base, link: challengeLink });
      }
    },
  });
