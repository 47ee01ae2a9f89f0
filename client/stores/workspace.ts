import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { SubmissionView } from '../../shared/schemas/submission';
import type { VersionView, WorkspaceView } from '../../shared/schemas/workspace';
import { http } from '../api/http';
import { socket } from '../api/socket';

/**
 * The open workspace's REST side: the page (team, challenge, abilities), its named versions and
 * its submissions. The live text is not here (it is the Y.Doc of api/collab.ts). Binds
 * `version:created`, `submission:created` and `submission:reviewed`, which the server sends to
 * every team member, so a version a teammate saves or a review that arrives shows at once.
 */
export const useWorkspaceStore = defineStore('workspace', () => {
  const workspace = ref<WorkspaceView | null>(null);
  const versions = ref<VersionView[]>([]);
  const submissions = ref<SubmissionView[]>([]);
  const list = ref<WorkspaceView[]>([]);

  const base = () => `/api/workspaces/${workspace.value?.teamId ?? ''}`;

  async function fetchList(): Promise<void> {
    list.value = await http.get<WorkspaceView[]>('/api/workspaces');
  }

  async function open(teamId: string): Promise<WorkspaceView> {
    workspace.value = await http.get<WorkspaceView>(`/api/workspaces/${teamId}`);
    [versions.value, submissions.value] = await Promise.all([http.get<VersionView[]>(`${base()}/versions`), http.get<SubmissionView[]>(`${base()}/submissions`)]);
    return workspace.value;
  }

  function close(): void {
    workspace.value = null;
    versions.value = [];
    submissions.value = [];
  }

  function upsertVersion(v: VersionView): void {
    if (v.teamId !== workspace.value?.teamId || versions.value.some((x) => x.id === v.id)) return;
    versions.value = [v, ...versions.value];
  }

  async function saveVersion(name: string): Promise<VersionView> {
    const v = await http.post<VersionView>(`${base()}/versions`, { name });
    upsertVersion(v);
    return v;
  }

  const viewVersion = (id: string) => http.get<VersionView>(`${base()}/versions/${id}`);
  const restoreVersion = (id: string) => http.post<VersionView>(`${base()}/versions/${id}/restore`);

  function upsertSubmission(s: SubmissionView): void {
    if (s.teamId !== workspace.value?.teamId) return;
    const others = submissions.value.filter((x) => x.id !== s.id).map((x) => (s.latest && x.round < s.round ? { ...x, latest: false } : x));
    submissions.value = [s, ...others].sort((a, b) => b.round - a.round);
  }

  async function submit(versionId: string, note: string): Promise<SubmissionView> {
    const s = await http.post<SubmissionView>(`${base()}/submissions`, { versionId, note });
    upsertSubmission(s);
    return s;
  }

  socket.on('version:created', upsertVersion);
  socket.on('submission:created', upsertSubmission);
  socket.on('submission:reviewed', upsertSubmission);

  return { workspace, versions, submissions, list, fetchList, open, close, saveVersion, viewVersion, restoreVersion, submit };
});
