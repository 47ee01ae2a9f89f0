import type { RepresentationRequestView, RepresentationState } from '../../shared/schemas/representation';
import type { RepresentationRequestDocument } from '../models/RepresentationRequest';

/** A request as its approvers see it (the requester's e-mail is shown to them so they can recognise a colleague). */
export function presentRepresentationRequest(
  r: RepresentationRequestDocument,
  users: Map<string, { name: string; email: string }>,
  orgs: Map<string, string>,
): RepresentationRequestView {
  const u = users.get(String(r.userId));
  return {
    id: String(r._id),
    user: { id: String(r.userId), name: u?.name ?? '', email: u?.email ?? '' },
    organization: { id: String(r.organizationId), name: orgs.get(String(r.organizationId)) ?? '' },
    status: r.status as RepresentationState,
    reason: r.reason,
    createdAt: (r.get('createdAt') as Date).toISOString(),
    decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
    decidedBy: r.decidedBy ? String(r.decidedBy) : null,
  };
}
