import type { ChatPage } from '../../../shared/schemas/chat';
import type { ChatRoom } from '../../chat/room';
import type { AdviceService } from '../../matching/service';
import type { StoredMessage } from '../../models/ChatMessage';
import { presentMessage } from '../../presenters/advice';

/**
 * Stores a message once per client id. A failed write drops the room from memory so the next
 * send reloads the real sequence from the database (no gap is ever handed out).
 */
export async function sendMessage(props: { service: AdviceService; room: ChatRoom; authorId: string; clientId: string; text: string }): Promise<{ message: StoredMessage; duplicate: boolean }> {
  try {
    return await props.room.append(props.authorId, props.clientId, props.text);
  } catch (err) {
    props.service.chat.evict(props.room.meta.sessionId);
    throw err;
  }
}

/** A page of messages: after `after` (catch-up, oldest first) or before `before` (history). */
export async function readMessages(props: { room: ChatRoom; after?: number; before?: number; limit: number }): Promise<ChatPage> {
  const { room, limit } = props;
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
