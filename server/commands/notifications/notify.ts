import { rooms } from '../../../shared/events';
import type { NotificationKind, NotificationView } from '../../../shared/schemas/notification';
import type { Realtime } from '../../context';
import { Notification, type NotificationDocument } from '../../models/Notification';
import { presentNotification } from '../../presenters/notification';

/**
 * Stores one notification per recipient and pushes each to its `user:<id>` room after the
 * write. The actor is never notified of their own action.
 */
export async function notify(props: {
  realtime: Realtime;
  userIds: string[];
  kind: NotificationKind;
  data: NotificationView['data'];
  link: string;
  exceptUserId?: string | null;
}): Promise<void> {
  const recipients = [...new Set(props.userIds)].filter((id) => id !== props.exceptUserId);
  if (recipients.length === 0) return;
  const docs = (await Notification.insertMany(
    recipients.map((userId) => ({ userId, kind: props.kind, data: props.data, link: props.link })),
  )) as unknown as NotificationDocument[];
  for (const doc of docs) props.realtime.emit(rooms.user(String(doc.userId)), 'notification:created', presentNotification(doc));
}
