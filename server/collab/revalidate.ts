/**
 * Membership can change while a document is open (a member leaves or is removed, a team is
 * disbanded, an account is disabled). Every `intervalMs` the policy is asked again for each open
 * connection, one team read per open document, and connections it no longer allows are closed
 * with the table's close code (4403), which the client shows and does not retry.
 */
import { CollabDocumentName } from '../../shared/schemas/workspace';
import { ERROR_TABLE } from '../../shared/errors';
import type { Logger } from '../logger';
import { Team } from '../models/Team';
import { User } from '../models/User';
import { can } from '../policies';
import type { Connection } from './connection';

/** Starts the periodic check; `now()` runs one at once (tests, and after known changes). */
export function startRevalidation(connections: Set<Connection>, log: Logger, intervalMs = 30_000): { stop(): void; now(): Promise<void> } {
  let running: Promise<void> | null = null;
  const now = () =>
    (running ??= revalidate(connections)
      .catch((err: unknown) => log.warn({ err }, 'collab: revalidation failed'))
      .finally(() => (running = null)));
  const timer = setInterval(() => connections.size > 0 && void now(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), now };
}

async function revalidate(connections: Set<Connection>): Promise<void> {
  const byDoc = new Map<string, Connection[]>();
  for (const c of connections) byDoc.set(c.shared.name, [...(byDoc.get(c.shared.name) ?? []), c]);
  for (const [name, conns] of byDoc) {
    const parsed = CollabDocumentName.safeParse(name);
    const team = parsed.success ? await Team.findById(parsed.data.teamId, { leadId: 1, members: 1, status: 1 }).lean() : null;
    const memberIds = team && team.status === 'active' ? team.members.map((m) => String(m.userId)) : [];
    const disabled = new Set((await User.find({ _id: { $in: conns.map((c) => c.userId) }, disabled: true }, { _id: 1 }).lean()).map((u) => String(u._id)));
    for (const c of conns) {
      const actor = disabled.has(c.userId) ? null : c.context.actor;
      // the challenge part of the subject does not matter to `work`; membership does
      const allowed = !!team && can(actor, 'work', 'team', { leadId: String(team.leadId), memberIds, challenge: { organizationId: '', visibility: 'public', status: 'open' } });
      if (!allowed) c.ws.close(ERROR_TABLE.forbidden.close, 'forbidden');
    }
  }
}
