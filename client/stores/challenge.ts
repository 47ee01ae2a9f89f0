import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ChallengeDetail, ChallengeSummary, ChallengeTransition, ChallengeUpdate } from '../../shared/schemas/challenge';
import type { QuestionInput, QuestionView } from '../../shared/schemas/question';
import type { TeamView } from '../../shared/schemas/team';
import { http } from '../api/http';
import { request, socket } from '../api/socket';
import { useSessionStore } from './session';

/**
 * The challenge page that is open: its detail (with the viewer's abilities from the server), the
 * Q&A and the teams. `open(id)` loads and joins the page's room; the room's broadcasts keep it
 * live, and a reconnect re-joins and reloads. Team broadcasts are the public view, so a team the
 * viewer belongs to (or asked to join) is re-read to get their own view (requests, `me`).
 */
export const useChallengeStore = defineStore('challenge', () => {
  const id = ref<string | null>(null);
  const detail = ref<ChallengeDetail | null>(null);
  const questions = ref<QuestionView[]>([]);
  const teams = ref<TeamView[]>([]);
  const loading = ref(false);
  const error = ref<unknown>(null);
  let reloadTimer: ReturnType<typeof setTimeout> | null = null;

  const base = () => `/api/challenges/${id.value ?? ''}`;

  async function load(): Promise<void> {
    const current = id.value;
    if (!current) return;
    loading.value = true;
    try {
      const [d, q, t] = await Promise.all([
        http.get<ChallengeDetail>(base()),
        http.get<QuestionView[]>(`${base()}/questions`),
        http.get<TeamView[]>(`${base()}/teams`),
      ]);
      if (current !== id.value) return;
      detail.value = d;
      questions.value = q;
      teams.value = t;
      error.value = null;
    } catch (err) {
      if (current === id.value) error.value = err;
    } finally {
      loading.value = false;
    }
  }

  async function join(): Promise<void> {
    if (!id.value || !socket.connected) return;
    try {
      const { viewers } = await request('challenge:watch', { id: id.value });
      if (detail.value) detail.value.viewers = viewers;
    } catch {
      // not readable (it may have become hidden): the REST load shows the error
    }
  }

  async function open(challengeId: string): Promise<void> {
    if (id.value && id.value !== challengeId) close();
    id.value = challengeId;
    detail.value = null;
    questions.value = [];
    teams.value = [];
    await load();
    await join();
  }

  function close(): void {
    if (id.value && socket.connected) void request('challenge:unwatch', { id: id.value }).catch(() => undefined);
    id.value = null;
  }

  /** Refreshes the detail only, coalescing bursts of broadcasts. */
  function reloadDetailSoon(): void {
    if (reloadTimer) clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => {
      reloadTimer = null;
      const current = id.value;
      if (!current) return;
      void http
        .get<ChallengeDetail>(base())
        .then((d) => {
          if (current === id.value) detail.value = d;
        })
        .catch(() => undefined);
    }, 200);
  }

  function upsertQuestion(q: QuestionView): void {
    if (q.challengeId !== id.value) return;
    const index = questions.value.findIndex((x) => x.id === q.id);
    if (index === -1) questions.value.push(q);
    else questions.value[index] = q;
  }

  function upsertTeam(t: TeamView): void {
    const index = teams.value.findIndex((x) => x.id === t.id);
    if (index === -1) teams.value.push(t);
    else teams.value[index] = t;
  }

  async function onTeamBroadcast(t: TeamView): Promise<void> {
    if (t.challengeId !== id.value) return;
    const myId = useSessionStore().me?.id;
    const known = teams.value.find((x) => x.id === t.id);
    const involved = !!myId && (t.members.some((m) => m.id === myId) || !!known?.me.member || !!known?.me.requested);
    if (!involved) {
      // Keep what we knew about ourselves; a disbanded team (no members) leaves the list.
      if (t.memberCount === 0) teams.value = teams.value.filter((x) => x.id !== t.id);
      else upsertTeam({ ...t, me: known?.me ?? t.me });
      return;
    }
    try {
      upsertTeam(await http.get<TeamView>(`/api/teams/${t.id}`));
    } catch {
      teams.value = teams.value.filter((x) => x.id !== t.id);
    }
    reloadDetailSoon(); // my team id or abilities may have changed
  }

  socket.on('question:created', upsertQuestion);
  socket.on('question:answered', upsertQuestion);
  socket.on('team:created', (t) => void onTeamBroadcast(t));
  socket.on('team:updated', (t) => void onTeamBroadcast(t));
  socket.on('challenge:updated', (c: ChallengeSummary) => {
    if (c.id !== id.value || !detail.value) return;
    const changed = c.updatedAt !== detail.value.updatedAt || c.status !== detail.value.status;
    Object.assign(detail.value, c);
    if (changed) reloadDetailSoon(); // description, updates and abilities are not on the card
  });
  socket.on('challenge:viewers', ({ id: cid, viewers }) => {
    if (cid === id.value && detail.value) detail.value.viewers = viewers;
  });
  socket.on('connect', () => {
    if (id.value) void load().then(join);
  });

  // ── Commands: each replies with the fresh view, which replaces ours ──
  async function transition(to: ChallengeTransition['to']): Promise<void> {
    detail.value = await http.post<ChallengeDetail>(`${base()}/transition`, { to });
  }
  async function acceptTerms(): Promise<void> {
    detail.value = await http.post<ChallengeDetail>(`${base()}/terms`);
  }
  async function invite(email: string): Promise<void> {
    await http.post(`${base()}/invites`, { email });
  }
  async function update(changes: ChallengeUpdate): Promise<ChallengeDetail> {
    detail.value = await http.patch<ChallengeDetail>(base(), changes);
    return detail.value;
  }
  async function ask(input: QuestionInput): Promise<QuestionView> {
    const question = await http.post<QuestionView>(`${base()}/questions`, input);
    upsertQuestion(question);
    return question;
  }
  async function answer(questionId: string, text: string): Promise<void> {
    upsertQuestion(await http.post<QuestionView>(`${base()}/questions/${questionId}/answer`, { text }));
  }
  async function teamAction(reply: Promise<TeamView>): Promise<void> {
    const t = await reply;
    if (t.memberCount === 0) teams.value = teams.value.filter((x) => x.id !== t.id);
    else upsertTeam(t);
    reloadDetailSoon();
  }
  const createTeam = (name: string) => teamAction(http.post<TeamView>(`${base()}/teams`, { name }));
  const requestJoin = (teamId: string, message: string) => teamAction(http.post<TeamView>(`/api/teams/${teamId}/requests`, { message }));
  const decide = (teamId: string, userId: string, approve: boolean, reason?: string) =>
    teamAction(http.post<TeamView>(`/api/teams/${teamId}/requests/${userId}`, { approve, ...(reason ? { reason } : {}) }));
  const leave = (teamId: string) => teamAction(http.post<TeamView>(`/api/teams/${teamId}/leave`));
  const removeMember = (teamId: string, userId: string) => teamAction(http.delete<TeamView>(`/api/teams/${teamId}/members/${userId}`));

  return { id, detail, questions, teams, loading, error, open, close, load, transition, acceptTerms, invite, update, ask, answer, createTeam, requestJoin, decide, leave, removeMember };
});
