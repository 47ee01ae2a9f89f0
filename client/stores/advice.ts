import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { AdviceRequestInput, AdviceRequestView, AdvisorProfileInput, AdvisorStateView, OfferView, OfferWithdrawnReason, Presence } from '../../shared/schemas/advice';
import type { ChatSessionView } from '../../shared/schemas/chat';
import { http } from '../api/http';
import { request, socket } from '../api/socket';
import { useSessionStore } from './session';

/**
 * The founder desk and the advisor console: the founder's requests (live state, queue position),
 * the advisor's presence, load and incoming offers. Binds `advice:*` and `advisor:updated`;
 * after a reconnect it reloads from REST and re-asserts the advisor's chosen status.
 */
export const useAdviceStore = defineStore('advice', () => {
  const session = useSessionStore();
  const requests = ref<AdviceRequestView[]>([]);
  const advisor = ref<AdvisorStateView | null>(null);
  const offers = ref<OfferView[]>([]);
  const lastWithdrawn = ref<{ requestId: string; reason: OfferWithdrawnReason } | null>(null);
  const sessions = ref<ChatSessionView[]>([]);
  /** The status this tab asked for; re-sent after a reconnect (online lasts only while connected). */
  let chosen: Presence | null = null;

  function upsertRequest(r: AdviceRequestView): void {
    const i = requests.value.findIndex((x) => x.id === r.id);
    if (i >= 0) requests.value[i] = r;
    else requests.value.unshift(r);
  }

  function upsertSession(s: ChatSessionView): void {
    const i = sessions.value.findIndex((x) => x.id === s.id);
    if (i >= 0) sessions.value[i] = s;
    else sessions.value.unshift(s);
  }

  async function load(): Promise<void> {
    if (!session.loggedIn) return;
    const jobs: Promise<unknown>[] = [http.get<{ items: ChatSessionView[] }>('/api/advice/sessions', { pageSize: 50 }).then((r) => (sessions.value = r.items))];
    if (session.abilities.seekAdvice) jobs.push(http.get<AdviceRequestView[]>('/api/advice/requests').then((r) => (requests.value = r)));
    if (session.abilities.advise) {
      jobs.push(http.get<AdvisorStateView>('/api/advice/advisor').then((r) => (advisor.value = r)));
      jobs.push(http.get<OfferView[]>('/api/advice/offers').then((r) => (offers.value = r)));
    }
    await Promise.all(jobs);
  }

  async function ask(input: AdviceRequestInput): Promise<AdviceRequestView> {
    const r = await http.post<AdviceRequestView>('/api/advice/requests', input);
    upsertRequest(r);
    return r;
  }

  async function cancel(id: string): Promise<void> {
    upsertRequest(await http.post<AdviceRequestView>(`/api/advice/requests/${id}/cancel`));
  }

  async function setStatus(status: Presence): Promise<void> {
    chosen = status;
    advisor.value = await request('advisor:status', { status });
  }

  async function saveProfile(changes: AdvisorProfileInput): Promise<void> {
    advisor.value = await http.patch<AdvisorStateView>('/api/advice/advisor', changes);
  }

  async function accept(requestId: string): Promise<ChatSessionView> {
    const s = await request('advice:accept', { requestId });
    offers.value = offers.value.filter((o) => o.request.id !== requestId);
    upsertSession(s);
    return s;
  }

  async function decline(requestId: string, reason: 'busy' | 'not_my_field' | 'language' | 'other'): Promise<void> {
    await request('advice:decline', { requestId, reason, note: '' });
    offers.value = offers.value.filter((o) => o.request.id !== requestId);
  }

  socket.on('advice:updated', upsertRequest);
  socket.on('advice:offered', (o) => {
    offers.value = [...offers.value.filter((x) => x.request.id !== o.request.id), o];
  });
  socket.on('advice:offerWithdrawn', (w) => {
    offers.value = offers.value.filter((o) => o.request.id !== w.requestId);
    lastWithdrawn.value = w;
  });
  socket.on('advisor:updated', (a) => (advisor.value = a));
  socket.on('chat:session', upsertSession);
  socket.on('connect', () => {
    if (chosen && chosen !== 'offline' && session.abilities.advise) void setStatus(chosen).catch(() => undefined);
    void load().catch(() => undefined);
  });

  watch(
    () => session.me?.id,
    (id) => {
      requests.value = [];
      offers.value = [];
      sessions.value = [];
      advisor.value = null;
      chosen = null;
      if (id) void load().catch(() => undefined);
    },
    { immediate: true },
  );

  return { requests, advisor, offers, sessions, lastWithdrawn, load, ask, cancel, setStatus, saveProfile, accept, decline, upsertSession };
});
