import type { MeView, UserView } from '../../shared/schemas/user';
import type { Locale, Role } from '../../shared/roles';
import type { MyRepresentation } from '../../shared/schemas/representation';
import type { UserDocument } from '../models/User';
import { actorOf, can, hasRole, type Actor } from '../policies';

/** A user as `viewer` may see them: email only for the user themself and admins. */
export function presentUser(user: UserDocument, viewer: Actor): UserView {
  const view: UserView = {
    id: user.id as string,
    name: user.name,
    roles: user.roles as Role[],
    organizationId: user.organizationId ? String(user.organizationId) : null,
    bio: user.bio,
    industries: user.industries,
    skills: user.skills,
    languages: user.languages as Locale[],
    credits: (user.credits ?? []).map((c) => ({ challengeId: String(c.challengeId), title: c.title ?? '', at: c.at ? c.at.toISOString() : '' })),
    createdAt: (user.get('createdAt') as Date).toISOString(),
  };
  if (can(viewer, 'readPrivate', 'user', { id: view.id })) {
    view.email = user.email;
    view.disabled = user.disabled;
  }
  return view;
}

/** The logged-in user with the abilities the client uses to show or hide actions. */
export function presentMe(user: UserDocument): MeView {
  const actor = actorOf(user);
  return {
    ...presentUser(user, actor),
    abilities: {
      admin: hasRole(actor, 'admin'),
      postChallenges: hasRole(actor, 'representative') && !!user.organizationId,
      advise: hasRole(actor, 'advisor'),
      seekAdvice: hasRole(actor, 'founder'),
      approveRepresentatives: !!actor && (hasRole(actor, 'admin') || (!!actor.organizationId && can(actor, 'decide', 'representation', { organizationId: actor.organizationId }))),
    },
    representation: presentMyRepresentation(user),
  };
}

function presentMyRepresentation(user: UserDocument): MyRepresentation | null {
  const r = user.representation;
  if (!r || !r.requestId || (r.status !== 'pending' && r.status !== 'rejected')) return null;
  return { requestId: String(r.requestId), organizationId: String(r.organizationId), organizationName: r.organizationName ?? '', status: r.status, reason: r.reason ?? '' };
}
