import { notifyParticipants } from '../commands/challenges/announce';
import type { AppContext } from '../context';
import { subscriber } from '../events/bus';
import { Challenge } from '../models/Challenge';

/** Everyone taking part hears of a recorded edit and of every status change after publication. */
export const challengeNotifications = (ctx: AppContext) =>
  subscriber({
    name: 'challengeNotifications',
    scope: 'once',
    events: ['challenge.edited', 'challenge.statusChanged'],
    async handle(e) {
      if (e.name === 'challenge.edited' && !e.data.recorded) return;
      if (e.name === 'challenge.statusChanged' && e.data.from === 'draft') return;
      const challenge = await Challenge.findById(e.data.challengeId);
      if (!challenge) return;
      await notifyParticipants(ctx, challenge, e.name === 'challenge.edited' ? 'challenge.updated' : 'challenge.statusChanged', e.data.actorId);
    },
  });
