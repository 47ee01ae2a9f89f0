import type { AppContext } from '../context';
import { subscriber } from '../events/bus';

/** The deadline timer is planned again whenever a challenge's deadline or status may have moved. */
export const deadlinePlanning = (ctx: AppContext) =>
  subscriber({
    name: 'deadlinePlanning',
    scope: 'once',
    events: ['challenge.published', 'challenge.statusChanged', 'challenge.edited'],
    handle(e) {
      if (e.name === 'challenge.edited' && !e.data.fields.includes('deadline')) return;
      if (e.name === 'challenge.statusChanged' && e.data.actorId === null) return; // the scheduler's own move
      ctx.deadlines.poke();
    },
  });
