import { presenceColor, type WorkspaceView } from '../../shared/schemas/workspace';
import { teamDocumentName } from '../../shared/schemas/team';
import type { LoadedWorkspace } from '../commands/workspaces/load';
import { can, type Actor } from '../policies';

/** The workspace page header: team, challenge, members with their caret colours, abilities. */
export function presentWorkspace(w: LoadedWorkspace, names: Map<string, string>, orgName: string, actor: Actor): WorkspaceView {
  const { team, challenge, subject } = w;
  return {
    teamId: team.id as string,
    teamName: team.name,
    documentName: teamDocumentName(team.id as string),
    challenge: { id: challenge.id as string, title: challenge.title, status: challenge.status, deadline: challenge.deadline.toISOString(), organizationName: orgName },
    members: team.members.map((m) => ({ id: String(m.userId), name: names.get(String(m.userId)) ?? '', role: m.role, color: presenceColor(String(m.userId)) })),
    me: {
      id: actor?.id ?? '',
      lead: actor?.id === subject.leadId,
      can: { edit: can(actor, 'edit', 'workspace', subject), submit: can(actor, 'submit', 'workspace', subject) },
    },
  };
}
