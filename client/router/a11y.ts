/**
 * What a route change means to assistive technology: every route names the document
 * ("挂牌引智 · 引智 Yinzhi") in the UI language, renamed when the language switches; and after an
 * in-app navigation focus moves to the new page's <h1> (made focusable with tabindex=-1), so a
 * screen reader announces the page and Tab continues from its top instead of from <body>.
 * The first load keeps the browser's own focus, so the skip link is still the first Tab stop.
 */
import { nextTick, watch } from 'vue';
import type { RouteLocationNormalized, Router } from 'vue-router';
import { currentLocale, i18n } from '../i18n';

const SUFFIX = '引智 Yinzhi';
const FRAMES_TO_WAIT = 30; // lazy views render their heading a few frames after the route resolves

/** The document title for a route, in the current UI language. */
export function routeTitle(route: RouteLocationNormalized): string {
  const key = `a11y.titles.${String(route.name ?? '')}`;
  return i18n.global.te(key) ? `${i18n.global.t(key)} · ${SUFFIX}` : SUFFIX;
}

function focusHeading(framesLeft: number): void {
  const heading = document.querySelector<HTMLElement>('#main h1');
  if (!heading) {
    if (framesLeft > 0) requestAnimationFrame(() => focusHeading(framesLeft - 1));
    return;
  }
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus({ preventScroll: true });
}

/** Installs the title and focus handling on the app's router. */
export function installRouteA11y(router: Router): void {
  let first = true;
  router.afterEach((to, from, failure) => {
    if (failure) return;
    document.title = routeTitle(to);
    // A new page, not a query change on the same page (e.g. opening a chat beside the desk).
    const moved = !first && to.path !== from.path;
    first = false;
    if (moved) void nextTick(() => focusHeading(FRAMES_TO_WAIT));
  });
  watch(currentLocale, () => (document.title = routeTitle(router.currentRoute.value)));
}
