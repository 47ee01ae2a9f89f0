import type { ChatPage } from '../../../shared/schemas/chat';
import type { ChatRoom } from '../../chat/room';
import type { ChatHub } from '../../chat/hub';
import type { StoredMessage } from '../../models/ChatMessage';
import { presentMessage } from '../../presenters/advice';
import { AlreadyStored, SeqTaken } from '../../chat/writer';
import { AppError, conflict } from '../../errors';

/**
 * Stores a message once per client id. A failed write drops the room from memory so the next
 * send reloads the real sequence from the database (no gap is ever handed out). When another
 * process stored a message under the seq this one was given, the room is reloaded here and the
 * message stored under the next seq, with the same client id. When the database's unique key
 * refused a client id the room did not know (stored through another process), the reloaded room
 * knows it and answers with the first copy.
 */
export async function sendMessage(props: { chat: ChatHub; room: ChatRoom; authorId: string; clientId: string; text: string }): Promise<{ message: StoredMessage; duplicate: boolean }> {
  const sessionId = props.room.meta.sessionId;
  let room = props.room;
  for (let attempt = 1; ; attempt++) {
    try {
      return await room.append(props.authorId, props.clientId, props.text);
    } catch (err) {
      props.chat.evict(sessionId, room);
      if (!(err instanceof SeqTaken || err instanceof AlreadyStored)) throw err;
      if (attempt >= 5) throw new AppError('unavailable', 'The conversation is busy; please resend');
      const reloaded = await props.chat.room(sessionId);
      if (!reloaded || reloaded.meta.state !== 'open') throw conflict('This session has ended');
      room = reloaded;
    }
  }
}

/** A page of messages: after `after` (catch-up, oldest first) or before `before` (history). */
export async function readMessages(props: { room: ChatRoom; after?: number; before?: number; limit: number }): Promise<ChatPage> {
  const { room, limit } = props;
  await room.refresh(); // what another process serving this room stored since
  const seq = room.seq;
  let from: number;
  let to: number;
  let more: boolean;
  if (props.before !== undefined || props.after === undefined) {
    to = Math.min(seq, (props.before ?? seq + 1) - 1);
    from = Math.max(1, to - limit + 1);
    more = from > 1;
  } else {
    from = props.after + 1;
    to = Math.min(seq, props.after + limit);
    more = to < seq;
  }
  const messages = (await room.range(from, to)).map((m) => presentMessage(room.meta.sessionId, m));
  return { messages, seq, more };
}
