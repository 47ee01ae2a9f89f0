/**
 * Element Plus's message toast for the app shell (layout, menu, router), loaded on first use:
 * the shell shows one only on rare events (logout, a session ended elsewhere, an admin-only
 * page), so its code stays out of the first visit. Views import ElMessage directly.
 */
export type ToastType = 'success' | 'warning' | 'error' | 'info';

export function toast(type: ToastType, text: string): void {
  void import('element-plus/es/components/message/index').then(({ ElMessage }) => ElMessage[type](text));
}
