/**
 * REST calls for representing an organisation (`/api/representation`): asking, the approval
 * queue, decisions and invites. Who may call what is the server's decision; these only type it.
 */
import type { RepresentationRequestView, RepresentationState, RepresentativeInviteView } from '../../shared/schemas/representation';
import type { MeView } from '../../shared/schemas/user';
import { http } from './http';

export const representationApi = {
  /** Asks to represent an organisation; answers with the account's new view (its standing is pending). */
  request: (organizationId: string) => http.post<MeView>('/api/representation/requests', { organizationId }),
  /** The queue in one state: every organisation's for the admin, the own organisation's for a representative. */
  list: (status: RepresentationState) => http.get<RepresentationRequestView[]>('/api/representation/requests', { status }),
  /** A rejection needs a reason (`reason_required` on the `reason` field otherwise). */
  decide: (id: string, approve: boolean, reason = '') => http.post<RepresentationRequestView>(`/api/representation/requests/${id}/decision`, { approve, reason }),
  /** Open invites of an organisation; the admin must name it, a representative gets their own. */
  invites: (organizationId?: string) => http.get<RepresentativeInviteView[]>('/api/representation/invites', { organizationId }),
  invite: (email: string, organizationId?: string) =>
    http.post<{ email: string; organizationId: string }>('/api/representation/invites', { email, ...(organizationId ? { organizationId } : {}) }),
};
