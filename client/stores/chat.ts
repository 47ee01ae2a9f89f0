import { defineStore } from 'pinia';
import { reactive } from 'vue';
import type { ChatMessageView, ChatPage, ChatSessionView } from '../../shared/schemas/chat';
import { http } from '../api/http';
import { request, socket } from '../api/socket';
import { useAdviceStore } from './advice';
import { useSessionStore } from './session';

interface Outgoing {
  clientId: string;
  text: string;
  failed: boolean;
}

interface Room {
  session: ChatSessionView | null;
  /** Stored messages by seq, ascending, without gaps from `messages[0].seq` on. */
  messages: ChatMessageView[];
  outgoing: Outgoing[];
  peerTyping: boolean;
  more: boolean;
}

/** Page size of the catch-up after a reconnect (the history endpoint's most). */
const CATCH_UP_PAGE = 200;

const newClientId = () => (crypto.randomUUID?.() ?? `${Date.now()}${Math.random()}`).replace(/[^A-Za-z0-9]/g, '').slice(0, 32);

/**
 * Open chat rooms. Joining returns what came after the last seq we hold, so after a reconnect
 * every joined room catches up without gaps — paging on while the server says there is `more` —
 * and messages are merged by seq, so nothing shows twice.
 * Sends carry a client id and stay in `outgoing` until acknowledged; unacknowledged ones are
 * resent with the same id after a reconnect (the server stores each id once).
 */
export const useChatStore = defineStore('chat', () => {
  const rooms = reactive<Record<string, Room>>({});
  const session = useSessionStore();
  const advice = useAdviceStore();
  let typingTimer: ReturnType<typeof setTimeout> | null = null;

  /** The room's reactive state (created on first use; always read back through the proxy). */
  function room(id: string): Room {
    if (!rooms[id]) rooms[id] = { session: null, messages: [], outgoing: [], peerTyping: false, more: false };
    return rooms[id]!;
  }

  function merge(id: string, incoming: ChatMessageView[]): void {
    const r = room(id);
    const bySeq = new Map(r.messages.map((m) => [m.seq, m]));
    for (const m of incoming) bySeq.set(m.seq, m);
    r.messages = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    r.outgoing = r.outgoing.filter((o) => !incoming.some((m) => m.clientId === o.clientId));
  }

  async function join(id: string): Promise<void> {
    const r = room(id);
    const afterSeq = r.messages.at(-1)?.seq ?? 0;
    const reply = await request('chat:join', { sessionId: id, afterSeq });
    r.session = reply.session;
    advice.upsertSession(reply.session);
    if (afterSeq === 0) {
      const page = await http.get<ChatPage>(`/api/advice/sessions/${id}/messages`, { limit: 50 });
      merge(id, page.messages);
      r.more = page.more;
    } else await catchUp(id, reply);
    for (const o of r.outgoing) void deliver(id, o);
  }

  /** Merges a catch-up page and reads the following ones until nothing more is missing. */
  async function catchUp(id: string, first: ChatPage): Promise<void> {
    let page = first;
    let after = 0;
    for (;;) {
      merge(id, page.messages);
      const last = page.messages.at(-1)?.seq;
      // a page that brings nothing further ends it, even if it claims more: never loop in place
      if (!page.more || last === undefined || last <= after) return;
      after = last;
      page = await http.get<ChatPage>(`/api/advice/sessions/${id}/messages`, { after, limit: CATCH_UP_PAGE });
    }
  }

  async function loadEarlier(id: string): Promise<void> {
    const r = room(id);
    const first = r.messages[0]?.seq;
    if (!first) return;
    const page = await http.get<ChatPage>(`/api/advice/sessions/${id}/messages`, { before: first, limit: 50 });
    merge(id, page.messages);
    r.more = page.more;
  }

  async function deliver(id: string, o: Outgoing): Promise<void> {
    try {
      merge(id, [await request('chat:send', { sessionId: id, clientId: o.clientId, text: o.text })]);
    } catch {
      o.failed = true;
    }
  }

  function send(id: string, text: string): void {
    const o: Outgoing = { clientId: newClientId(), text, failed: false };
    room(id).outgoing.push(o);
    void deliver(id, o);
  }

  function typing(id: string): void {
    if (typingTimer) return;
    socket.emit('chat:typing', { sessionId: id, typing: true });
    typingTimer = setTimeout(() => {
      typingTimer = null;
      socket.emit('chat:typing', { sessionId: id, typing: false });
    }, 2500);
  }

  async function markRead(id: string): Promise<void> {
    const last = room(id).messages.at(-1)?.seq;
    if (last) await request('chat:read', { sessionId: id, seq: last }).catch(() => undefined);
  }

  async function end(id: string): Promise<void> {
    room(id).session = await http.post<ChatSessionView>(`/api/advice/sessions/${id}/end`);
  }

  async function rate(id: string, rating: number, comment: string): Promise<void> {
    room(id).session = await http.post<ChatSessionView>(`/api/advice/sessions/${id}/rating`, { rating, comment });
  }

  async function summarize(id: string, summary: string): Promise<void> {
    room(id).session = await http.post<ChatSessionView>(`/api/advice/sessions/${id}/summary`, { summary });
  }

  socket.on('chat:message', (m) => merge(m.sessionId, [m]));
  socket.on('chat:typing', (p) => {
    if (p.userId !== session.me?.id) room(p.sessionId).peerTyping = p.typing;
  });
  socket.on('chat:read', (p) => {
    const s = room(p.sessionId).session;
    if (!s) return;
    if (p.userId === s.founder.id) s.reads.founder = p.seq;
    else s.reads.advisor = p.seq;
  });
  socket.on('chat:session', (s) => {
    if (rooms[s.id]) rooms[s.id]!.session = s;
  });
  socket.on('connect', () => {
    for (const id of Object.keys(rooms)) void join(id).catch(() => undefined);
  });

  return { rooms, room, join, loadEarlier, send, typing, markRead, end, rate, summarize };
});
