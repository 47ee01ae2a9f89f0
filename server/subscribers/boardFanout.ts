/**
 * Every board that may show a challenge hears about it after each change: the card goes to the
 * public or members' board room and to the challenge's page room (drafts to nobody). A card that
 * became public reaches non-members' boards as new.
 */
import { rooms } from '../../shared/events';
import { announceChallenge } from '../commands/challenges/announce';
import type { AppContext } from '../context';
import { subscriber } from '../events/bus';
import { Challenge } from '../models/Challenge';

export const boardFanout = (ctx: AppContext) =>
  subscriber({
    name: 'boardFanout',
    scope: 'once',
    events: ['challenge.published', 'challenge.edited', 'challenge.statusChanged', 'challenge.visibilityChanged', 'team.created', 'team.disbanded'],
    async handle(e) {
      if (e.name === 'challenge.statusChanged' && e.data.from === 'draft') return; // `challenge.published` announced it
      const challenge = await Challenge.findById(e.data.challengeId);
      if (!challenge || challenge.status === 'draft') return;
      if (e.name === 'challenge.visibilityChanged') {
        if (e.data.to === 'public') await announceChallenge(ctx, challenge, 'challenge:created', { rooms: [rooms.board], except: rooms.boardMembers });
        return;
      }
      await announceChallenge(ctx, challenge, e.name === 'challenge.published' ? 'challenge:created' : 'challenge:updated');
    },
  });
