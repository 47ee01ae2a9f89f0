/**
 * Rights can change while a document is open (a member leaves or is removed, a team is
 * disbanded, an account is disabled, a session ends). Each such change is a domain event whose
 * subscriber revokes the affected connections at once (server/subscribers/collabAccess.ts);
 * this periodic check is the safety net behind it: every `intervalMs` the session and the policy
 * are asked again for each open connection (one team read per open document, one session read
 * per round) and those no longer allowed are closed with the table's close code — 4401 when the
 * session is gone, 4403 when the policy says no — which the client shows and does not retry.
 */
import { CollabDocumentName } from '../../shared/schemas/workspace';
import { ERROR_TABLE } from '../../shared/errors';
import type { Logger } from '../logger';
import { Session } from '../models/Session';
import { Team } from '../models/Team';
import { User } from '../models/User';
import { can } from '../policies';
import type { Connection } from './connection';

/** Starts the periodic check; `now()` runs one at once (tests, and after known changes). */
export function startRevalidation(connections: Set<Connection>, log: Logger, intervalMs = 30_000): { stop(): void; now(): Promise<void> } {
  let running: Promise<void> | null = null;
  let again = false;
  const now = (): Promise<void> => {
    if (running) {
      // a change arrived during a round: run one more after it, so the change is seen
      again = true;
      return running;
    }
    running = revalidate(connections)
      .catch((err: unknown) => log.warn({ err }, 'collab: revalidation failed'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          void now();
        }
      });
    return running;
  };
  const timer = setInterval(() => connections.size > 0 && void now(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), now };
}

async function revalidate(connections: Set<Connection>): Promise<void> {
  const byDoc = new Map<string, Connection[]>();
  for (const c of connections) byDoc.set(c.shared.name, [...(byDoc.get(c.shared.name) ?? []), c]);
  const all = [...connections];
  const liveSessions = new Set((await Session.find({ _id: { $in: [...new Set(all.map((c) => c.context.sessionId))] }, expiresAt: { $gt: new Date() } }, { _id: 1 }).lean()).map((s) => s._id));
  const disabled = new Set((await User.find({ _id: { $in: [...new Set(all.map((c) => c.userId))] }, disabled: true }, { _id: 1 }).lean()).map((u) => String(u._id)));
  for (const [name, conns] of byDoc) {
    const parsed = CollabDocumentName.safeParse(name);
    const team = parsed.success ? await Team.findById(parsed.data.teamId, { leadId: 1, members: 1, status: 1 }).lean() : null;
    const memberIds = team && team.status === 'active' ? team.members.map((m) => String(m.userId)) : [];
    for (const c of conns) {
      if (!liveSessions.has(c.context.sessionId) || disabled.has(c.userId)) {
        c.revoke(ERROR_TABLE.unauthenticated.close, 'unauthenticated');
        continue;
      }
      // the challenge part of the subject does not matter to `work`; membership does
      const allowed = !!team && can(c.context.actor, 'work', 'team', { leadId: String(team.leadId), memberIds, challenge: { organizationId: '', visibility: 'public', status: 'open' } });
      if (!allowed) c.revoke(ERROR_TABLE.forbidden.close, 'forbidden');
    }
  }
}
