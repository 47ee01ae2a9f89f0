import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { LoginInput, MeView, ProfileUpdate, RegisterInput } from '../../shared/schemas/user';
import { http } from '../api/http';
import { reconnectSocket, socket } from '../api/socket';

export type SessionEndReason = 'logout' | 'disabled' | 'expired';

/**
 * Who is logged in. Hydrated once at boot from `GET /api/me`; login, register and logout go
 * through REST (the server sets the httpOnly cookie) and then re-make the socket so its
 * handshake carries the new cookie. Binds `session:ready` (the server's view of this socket),
 * `session:updated` (the account's rights changed, e.g. its representation was approved) and
 * `session:ended` (revoked elsewhere or disabled).
 */
export const useSessionStore = defineStore('session', () => {
  const me = ref<MeView | null>(null);
  const hydrated = ref(false);
  /** Why the last session ended without the user asking here; the layout shows it once. */
  const endedReason = ref<SessionEndReason | null>(null);
  let hydrating: Promise<void> | null = null;
  let loggingOut = false;

  const loggedIn = computed(() => me.value !== null);
  const abilities = computed(() => me.value?.abilities ?? { admin: false, postChallenges: false, advise: false, seekAdvice: false, approveRepresentatives: false });

  /** Loads the current account once; later calls wait for the same request. */
  function hydrate(): Promise<void> {
    hydrating ??= http
      .get<MeView | null>('/api/me')
      .then((user) => {
        me.value = user;
      })
      .catch(() => {
        me.value = null; // server unreachable: start anonymous, the socket will retry
      })
      .finally(() => {
        hydrated.value = true;
      });
    return hydrating;
  }

  function start(user: MeView): MeView {
    me.value = user;
    endedReason.value = null;
    reconnectSocket();
    return user;
  }

  async function login(input: LoginInput): Promise<MeView> {
    return start(await http.post<MeView>('/api/auth/login', input));
  }

  async function register(input: RegisterInput): Promise<MeView> {
    return start(await http.post<MeView>('/api/auth/register', input));
  }

  async function logout(): Promise<void> {
    loggingOut = true; // the server answers our own logout with `session:ended` too
    try {
      await http.post<void>('/api/auth/logout');
    } finally {
      me.value = null;
      loggingOut = false;
      reconnectSocket();
    }
  }

  /** Fetches the account again (credits and roles change on the server's side). */
  async function refresh(): Promise<void> {
    const user = await http.get<MeView | null>('/api/me');
    if (user) me.value = user;
  }

  async function updateProfile(changes: ProfileUpdate): Promise<MeView> {
    me.value = await http.patch<MeView>('/api/me/profile', changes);
    return me.value;
  }

  socket.on('session:ready', ({ user }) => {
    // The handshake is the server's latest word on the cookie (it may have expired meanwhile).
    if (hydrated.value) me.value = user;
  });

  socket.on('session:updated', ({ user }) => {
    // The server already re-decided this socket's rooms; the abilities shown follow its new view.
    me.value = user;
  });

  socket.on('session:ended', ({ reason }) => {
    if (me.value && !loggingOut) endedReason.value = reason;
    me.value = null;
  });

  return { me, hydrated, endedReason, loggedIn, abilities, hydrate, refresh, login, register, logout, updateProfile };
});
