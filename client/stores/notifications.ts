import { ElNotification } from 'element-plus';
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { NotificationView } from '../../shared/schemas/notification';
import { http } from '../api/http';
import { socket } from '../api/socket';
import { i18n } from '../i18n';
import { router } from '../router';
import { useSessionStore } from './session';

const PAGE = 30;

/** The sentence for a notification in the current language, filled from its `data`. */
export function notificationText(n: NotificationView): string {
  const { t, te } = i18n.global;
  const d = n.data;
  const status = d.status && te(`board.status.${d.status}`) ? t(`board.status.${d.status}`) : (d.status ?? '');
  return t(`board.notify.${n.kind}`, { title: d.challengeTitle ?? '', actor: d.actorName ?? '', team: d.teamName ?? '', status, text: d.text ?? '', org: d.organizationName ?? '' });
}

/**
 * The logged-in user's notifications: the latest page and the unread count. Loaded when a session
 * starts, cleared when it ends, refetched after a reconnect; `notification:created` (pushed to
 * `user:<id>`) prepends one and shows a toast that opens its link.
 */
export const useNotificationsStore = defineStore('notifications', () => {
  const items = ref<NotificationView[]>([]);
  const unread = ref(0);
  const loading = ref(false);
  const session = useSessionStore();

  async function fetchLatest(): Promise<void> {
    if (!session.loggedIn) return;
    loading.value = true;
    try {
      const result = await http.get<{ items: NotificationView[]; unread: number }>('/api/notifications', { limit: PAGE });
      items.value = result.items;
      unread.value = result.unread;
    } catch {
      // keep what we have; the next reconnect refetches
    } finally {
      loading.value = false;
    }
  }

  async function markRead(ids: string[]): Promise<void> {
    const fresh = ids.filter((id) => items.value.some((n) => n.id === id && !n.read));
    if (!fresh.length) return;
    const r = await http.post<{ unread: number }>('/api/notifications/read', { ids: fresh });
    for (const n of items.value) if (fresh.includes(n.id)) n.read = true;
    unread.value = r.unread;
  }

  async function markAllRead(): Promise<void> {
    const r = await http.post<{ unread: number }>('/api/notifications/read', { all: true });
    for (const n of items.value) n.read = true;
    unread.value = r.unread;
  }

  /** Marks one read and goes to its link. */
  async function openNotification(n: NotificationView): Promise<void> {
    void markRead([n.id]).catch(() => undefined);
    if (n.link.startsWith('/')) await router.push(n.link);
  }

  socket.on('notification:created', (n) => {
    if (items.value.some((x) => x.id === n.id)) return;
    items.value = [n, ...items.value].slice(0, PAGE);
    if (!n.read) unread.value += 1;
    const toast = ElNotification({
      title: i18n.global.t('board.notify.title'),
      message: notificationText(n),
      type: 'info',
      duration: 6000,
      customClass: 'notification-toast',
      onClick: () => {
        toast.close();
        void openNotification(n);
      },
    });
  });

  socket.on('connect', () => void fetchLatest());

  watch(
    () => session.me?.id,
    (userId) => {
      items.value = [];
      unread.value = 0;
      if (userId) void fetchLatest();
    },
    { immediate: true },
  );

  return { items, unread, loading, fetchLatest, markRead, markAllRead, openNotification };
});
