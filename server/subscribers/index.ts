/**
 * Every consequence of a write, one small subscriber each, registered in the order they must
 * run for one event: first who may still see and hear what (rooms, documents), then what they
 * are told (fan-out), then what is stored for later (notifications), then timers. A new
 * consequence is a new subscriber here, never one more line in every route that might trigger it.
 */
import type { AppContext } from '../context';
import { boardFanout } from './boardFanout';
import { challengeAudience } from './challengeAudience';
import { collabAccess } from './collabAccess';
import { deadlinePlanning } from './deadlinePlanning';
import { challengeNotifications } from './challengeNotifications';
import { questionFanout } from './questionFanout';
import { submissionFanout } from './submissionFanout';
import { submissionNotifications } from './submissionNotifications';
import { questionNotifications } from './questionNotifications';
import { representationNotifications } from './representationNotifications';
import { teamNotifications } from './teamNotifications';
import { sessionEnd } from './sessionEnd';
import { socketRights } from './socketRights';

export function registerSubscribers(ctx: AppContext): void {
  for (const s of [sessionEnd(ctx), socketRights(ctx), challengeAudience(ctx), collabAccess(ctx), boardFanout(ctx), questionFanout(ctx), submissionFanout(ctx),
    challengeNotifications(ctx), questionNotifications(ctx), teamNotifications(ctx), submissionNotifications(ctx),
    representationNotifications(ctx), deadlinePlanning(ctx)]) {
    ctx.bus.subscribe(s);
  }
}
