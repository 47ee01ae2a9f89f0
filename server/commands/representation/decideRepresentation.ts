import { conflict } from '../../errors';
import { event, type DomainEvent } from '../../events/types';
import { Organization } from '../../models/Organization';
import { RepresentationRequest, type RepresentationRequestDocument } from '../../models/RepresentationRequest';
import { User } from '../../models/User';

/**
 * Decides a pending request with a guarded update (two approvers racing: one decides, the other
 * gets 409). Approval makes the account a representative of the organisation; a refusal keeps
 * the reason on the account so its owner sees why.
 */
export async function decideRepresentation(props: {
  request: RepresentationRequestDocument;
  deciderId: string;
  approve: boolean;
  reason: string;
  now?: Date;
}): Promise<{ request: RepresentationRequestDocument; events: DomainEvent[] }> {
  const { approve, reason, deciderId } = props;
  const now = props.now ?? new Date();
  const decided = await RepresentationRequest.findOneAndUpdate(
    { _id: props.request._id, status: 'pending' },
    { $set: { status: approve ? 'approved' : 'rejected', reason, decidedBy: deciderId, decidedAt: now } },
    { returnDocument: 'after' },
  );
  if (!decided) throw conflict('This request was already decided');
  const org = await Organization.findById(decided.organizationId, { name: 1 }).lean();
  const organizationName = org?.name ?? '';
  await applyDecision({ userId: String(decided.userId), organizationId: String(decided.organizationId), organizationName, requestId: String(decided._id), approve, reason });
  return {
    request: decided,
    events: [
      event('representation.decided', {
        requestId: String(decided._id),
        userId: String(decided.userId),
        organizationId: String(decided.organizationId),
        organizationName,
        approved: approve,
        reason,
        deciderId,
      }),
    ],
  };
}

/** Writes a decision onto the account: the organisation and role on approval, the refusal otherwise. */
export async function applyDecision(d: { userId: string; organizationId: string; organizationName: string; requestId: string; approve: boolean; reason: string }): Promise<void> {
  const user = await User.findById(d.userId);
  if (!user) return;
  if (d.approve) {
    user.set('organizationId', d.organizationId);
    if (!user.roles.includes('representative')) user.roles.push('representative');
    user.set('representation', null);
  } else {
    user.set('representation', { requestId: d.requestId, organizationId: d.organizationId, organizationName: d.organizationName, status: 'rejected', reason: d.reason });
  }
  await user.save();
}
