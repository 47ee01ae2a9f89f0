import { defineStore } from 'pinia';
import { ref } from 'vue';
import { request, socket } from '../api/socket';

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'offline';

/** How often the round trip is measured while online. */
export const PING_INTERVAL_MS = 15_000;
/** Failed reconnection attempts after which we call it offline (Socket.io keeps retrying). */
const OFFLINE_AFTER_ATTEMPTS = 3;

/**
 * The live connection as the user should see it: green online (with latency), amber while
 * (re)connecting, red when the browser is offline or the server stayed unreachable.
 */
export const useConnectionStore = defineStore('connection', () => {
  const status = ref<ConnectionStatus>(socket.connected ? 'online' : 'connecting');
  const latencyMs = ref<number | null>(null);
  const lastPingAt = ref<Date | null>(null);
  let timer: ReturnType<typeof setInterval> | null = null;

  async function ping(): Promise<void> {
    if (!socket.connected) return;
    const started = performance.now();
    try {
      await request('system:ping', {}, 5_000);
      latencyMs.value = Math.round(performance.now() - started);
      lastPingAt.value = new Date();
    } catch {
      latencyMs.value = null;
    }
  }

  let settle: ReturnType<typeof setTimeout> | null = null;

  function startPinging(): void {
    stopPinging();
    void ping();
    // the first round trip is taken while the page is still booting: measure again once it settled
    settle = setTimeout(() => void ping(), 2_000);
    timer = setInterval(() => void ping(), PING_INTERVAL_MS);
  }

  function stopPinging(): void {
    if (timer) clearInterval(timer);
    if (settle) clearTimeout(settle);
    timer = null;
    settle = null;
  }

  socket.on('connect', () => {
    status.value = 'online';
    startPinging();
  });

  socket.on('disconnect', (reason) => {
    stopPinging();
    latencyMs.value = null;
    // Our own disconnect is a deliberate re-handshake (login/logout), not an outage.
    status.value = reason === 'io client disconnect' ? 'connecting' : navigator.onLine ? 'reconnecting' : 'offline';
  });

  socket.io.on('reconnect_attempt', (attempt) => {
    status.value = attempt > OFFLINE_AFTER_ATTEMPTS || !navigator.onLine ? 'offline' : 'reconnecting';
  });

  socket.io.on('reconnect_failed', () => {
    status.value = 'offline';
  });

  window.addEventListener('offline', () => {
    if (!socket.connected) status.value = 'offline';
  });

  return { status, latencyMs, lastPingAt, ping };
});
