import { conflict } from '../../errors';
import { event, type DomainEvent } from '../../events/types';
import { Organization } from '../../models/Organization';
import { RepresentationRequest, RepresentativeInvite } from '../../models/RepresentationRequest';
import { User, type UserDocument } from '../../models/User';
import { applyDecision } from './decideRepresentation';

/** An approved representative (or the admin) invites a colleague by e-mail; the latest invite per address counts. */
export async function inviteRepresentative(props: { organizationId: string; email: string; inviterId: string }): Promise<void> {
  const existing = await User.findOne({ email: props.email }, { organizationId: 1, roles: 1 }).lean();
  if (existing?.roles.includes('representative') && String(existing.organizationId) === props.organizationId) {
    throw conflict('This account already represents the organisation', [{ path: ['email'], code: 'already_representative', message: 'already a representative' }]);
  }
  await RepresentativeInvite.findOneAndUpdate(
    { _id: props.email },
    { $set: { organizationId: props.organizationId, invitedBy: props.inviterId } },
    { upsert: true, returnDocument: 'after' },
  );
}

/**
 * At registration or login: an invite for the account's e-mail makes it a representative of the
 * inviting organisation (decided by the inviter). The invite is claimed by deleting it, so two
 * logins at once accept it once.
 */
export async function acceptInvite(user: UserDocument): Promise<DomainEvent[]> {
  const invite = await RepresentativeInvite.findOneAndDelete({ _id: user.email });
  if (!invite) return [];
  const organizationId = String(invite.organizationId);
  const org = await Organization.findById(organizationId, { name: 1 }).lean();
  if (!org) return [];
  const now = new Date();
  const request = await RepresentationRequest.create({ userId: user._id, organizationId, status: 'approved', via: 'invite', decidedBy: invite.invitedBy, decidedAt: now });
  const decision = { userId: user.id as string, organizationId, organizationName: org.name, requestId: String(request._id), approve: true, reason: '' };
  await applyDecision(decision);
  const fresh = await User.findById(user._id);
  if (fresh) user.set({ roles: fresh.roles, organizationId: fresh.organizationId, representation: fresh.representation });
  const { userId, requestId, organizationName } = decision;
  return [event('representation.decided', { requestId, userId, organizationId, organizationName, approved: true, reason: '', deciderId: String(invite.invitedBy) })];
}
