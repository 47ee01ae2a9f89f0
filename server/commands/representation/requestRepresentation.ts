import { badRequest, conflict } from '../../errors';
import { event, type DomainEvent } from '../../events/types';
import { Organization } from '../../models/Organization';
import { RepresentationRequest } from '../../models/RepresentationRequest';
import type { UserDocument } from '../../models/User';
import { User } from '../../models/User';

/**
 * Files a pending request to represent `organizationId` and records it on the account (its
 * "pending approval" state). Until approved the account keeps only its other roles' rights.
 */
export async function requestRepresentation(props: { user: UserDocument; organizationId: string }): Promise<{ events: DomainEvent[] }> {
  const { user, organizationId } = props;
  const org = await Organization.findById(organizationId, { name: 1 }).lean();
  if (!org) throw badRequest('Unknown organisation', [{ path: ['organizationId'], code: 'not_found', message: 'no such organisation' }]);
  if (user.representation?.status === 'pending') throw conflict('A request is already waiting for approval', [{ path: ['organizationId'], code: 'already_pending', message: 'already pending' }]);
  const request = await RepresentationRequest.create({ userId: user._id, organizationId });
  const representation = { requestId: request._id, organizationId: org._id, organizationName: org.name, status: 'pending', reason: '' };
  await User.updateOne({ _id: user._id }, { $set: { representation } });
  user.set('representation', representation);
  return {
    events: [
      event('representation.requested', { requestId: String(request._id), userId: user.id as string, userName: user.name, organizationId, organizationName: org.name }),
    ],
  };
}
