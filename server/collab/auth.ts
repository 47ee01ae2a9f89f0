/**
 * Authentication as the first extension: the session cookie of the upgrade request names the
 * user, the document name names the team, and the central policy decides. Team members edit
 * (`team`/`work`); everyone else is refused — 401 anonymous, 403 logged in but not a member,
 * 404 no such team — as the close code of shared/errors.ts's table.
 */
import { CollabDocumentName, presenceColor } from '../../shared/schemas/workspace';
import { resolveSession } from '../commands/accounts/sessions';
import { AppError, notFound } from '../errors';
import { sessionTokenOf } from '../middlewares/authenticate';
import { Challenge } from '../models/Challenge';
import { Team } from '../models/Team';
import { actorOf, authorize } from '../policies';
import { challengeSubject } from '../presenters/challenge';
import type { AuthenticatePayload, Extension } from './hooks';

export const authentication: Extension = {
  async onAuthenticate({ request, documentName, context }: AuthenticatePayload): Promise<void> {
    const parsed = CollabDocumentName.safeParse(documentName);
    if (!parsed.success) throw new AppError('bad_request', 'Unknown document name');
    const session = await resolveSession(sessionTokenOf(request.headers.cookie));
    const actor = actorOf(session?.user);
    const team = await Team.findById(parsed.data.teamId);
    const challenge = team && team.status === 'active' ? await Challenge.findById(team.challengeId) : null;
    if (!team || !challenge) throw notFound('Document');
    const subject = { leadId: String(team.leadId), memberIds: team.members.map((m) => String(m.userId)), challenge: challengeSubject(challenge) };
    authorize(actor, 'work', 'team', subject);
    context.actor = actor;
    context.sessionId = session!.sessionId;
    context.user = { id: actor!.id, name: session!.user.name, color: presenceColor(actor!.id) };
    // The live document has no read-only audience today (the organisation reads frozen
    // submissions over REST); the flag exists so a future viewer role is one policy line.
    context.readOnly = false;
  },
};
