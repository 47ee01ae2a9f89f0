import { endSessions, type AppContext } from '../context';
import { subscriber } from '../events/bus';

/** An ended session (logout, disabled account, changed password) tells its sockets and drops them; they reconnect as anonymous. */
export const sessionEnd = (ctx: AppContext) =>
  subscriber({
    name: 'sessionEnd',
    scope: 'everyProcess',
    events: ['session.ended'],
    handle({ data }) {
      endSessions(ctx.realtime, data.sessionIds, data.reason === 'passwordChanged' ? 'expired' : data.reason);
    },
  });
