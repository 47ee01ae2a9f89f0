import type { NotificationKind, NotificationView } from '../../shared/schemas/notification';
import type { NotificationDocument } from '../models/Notification';

export function presentNotification(n: NotificationDocument): NotificationView {
  return {
    id: n.id as string,
    kind: n.kind as NotificationKind,
    data: (n.data ?? {}) as NotificationView['data'],
    link: n.link,
    read: !!n.readAt,
    createdAt: (n.get('createdAt') as Date).toISOString(),
  };
}
