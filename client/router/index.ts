import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import { i18n } from '../i18n';
import { useSessionStore } from '../stores/session';
import { installRouteA11y } from './a11y';
import { toast } from '../api/toast';

declare module 'vue-router' {
  interface RouteMeta {
    /** Only logged-in users; visitors go to /login and come back after. */
    requiresAuth?: boolean;
    /** Only accounts whose server-computed abilities include `admin`. */
    requiresAdmin?: boolean;
    /** Login and register: a logged-in user is sent on instead. */
    guestOnly?: boolean;
    /** Starts loading the page's data while the session check is still under way. */
    prefetch?: () => void;
  }
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', redirect: '/board' },
    {
      path: '/board',
      name: 'board',
      component: () => import('../views/BoardView.vue'),
      // The list does not depend on the client's idea of the session (the server reads the cookie).
      meta: { prefetch: () => void import('../stores/board').then(({ useBoardStore }) => useBoardStore().prefetch()) },
    },
    { path: '/challenges/new', name: 'challenge-new', component: () => import('../views/ChallengeEditView.vue'), meta: { requiresAuth: true } },
    { path: '/challenges/:id', name: 'challenge', component: () => import('../views/ChallengeView.vue') },
    { path: '/challenges/:id/edit', name: 'challenge-edit', component: () => import('../views/ChallengeEditView.vue'), meta: { requiresAuth: true } },
    { path: '/login', name: 'login', component: () => import('../views/LoginView.vue'), meta: { guestOnly: true } },
    { path: '/register', name: 'register', component: () => import('../views/RegisterView.vue'), meta: { guestOnly: true } },
    { path: '/reset-password', name: 'reset-password', component: () => import('../views/ResetPasswordView.vue') },
    { path: '/profile', name: 'profile', component: () => import('../views/ProfileView.vue'), meta: { requiresAuth: true } },
    { path: '/workspaces', name: 'workspaces', component: () => import('../views/WorkspacesView.vue'), meta: { requiresAuth: true } },
    { path: '/workspaces/:id', name: 'workspace', component: () => import('../views/WorkspaceView.vue'), meta: { requiresAuth: true } },
    { path: '/challenges/:id/submissions', name: 'challenge-submissions', component: () => import('../views/SubmissionsReviewView.vue'), meta: { requiresAuth: true } },
    { path: '/advice', name: 'advice', component: () => import('../views/AdviceView.vue'), meta: { requiresAuth: true } },
    { path: '/representatives', name: 'representatives', component: () => import('../views/RepresentativesView.vue'), meta: { requiresAuth: true } },
    { path: '/admin', name: 'admin', component: () => import('../views/AdminView.vue'), meta: { requiresAuth: true, requiresAdmin: true } },
    { path: '/:pathMatch(.*)*', redirect: '/board' },
  ],
});

/** Where to go after logging in: the `redirect` query when it is a path inside the app. */
export function redirectTarget(route: RouteLocationNormalized): string {
  const target = route.query.redirect;
  return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//') ? target : '/board';
}

/** Starts downloading the lazy components of a route (vue-router would only after the guards). */
function preloadComponents(to: RouteLocationNormalized): void {
  for (const record of to.matched) {
    const component = record.components?.default;
    if (typeof component === 'function') void (component as () => Promise<unknown>)();
  }
}

router.beforeEach(async (to) => {
  const session = useSessionStore();
  const hydrating = session.hydrate();
  // The first navigation waits for `/api/me`: fetch the page's code and data meanwhile, not after.
  if (!session.hydrated) {
    preloadComponents(to);
    to.meta.prefetch?.();
  }
  await hydrating;
  if (to.meta.guestOnly && session.loggedIn) return redirectTarget(to);
  if ((to.meta.requiresAuth || to.meta.requiresAdmin) && !session.loggedIn) {
    return { name: 'login', query: { redirect: to.fullPath } };
  }
  if (to.meta.requiresAdmin && !session.abilities.admin) {
    toast('warning', i18n.global.t('auth.adminOnly'));
    return { name: 'board' };
  }
  return true;
});

installRouteA11y(router);
