/**
 * `v-roving-toolbar` on a role="toolbar": the ARIA toolbar pattern. The toolbar is one Tab stop
 * (the last button used keeps tabindex 0, the others -1), and ←/→/Home/End move between its
 * buttons, so a keyboard user reaches the text after the toolbar with one Tab instead of twenty.
 */
import type { Directive } from 'vue';

const buttons = (bar: HTMLElement) => [...bar.querySelectorAll<HTMLButtonElement>('button:not([disabled])')];

function settle(bar: HTMLElement, current?: HTMLElement): void {
  const items = buttons(bar);
  const keep = current ?? items.find((b) => b.tabIndex === 0 && b.dataset.roving === 'current') ?? items[0];
  for (const b of items) {
    b.tabIndex = b === keep ? 0 : -1;
    if (b === keep) b.dataset.roving = 'current';
    else delete b.dataset.roving;
  }
}

function onKeydown(event: KeyboardEvent): void {
  const bar = event.currentTarget as HTMLElement;
  const items = buttons(bar);
  const i = items.indexOf(document.activeElement as HTMLButtonElement);
  if (i < 0 || !items.length) return;
  const moves: Record<string, number> = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: items.length - 1 };
  if (!(event.key in moves)) return;
  event.preventDefault();
  const next = items[(moves[event.key]! + items.length) % items.length]!;
  settle(bar, next);
  next.focus();
}

function onFocusin(event: FocusEvent): void {
  const bar = event.currentTarget as HTMLElement;
  if (event.target instanceof HTMLButtonElement) settle(bar, event.target);
}

/** Register locally: `import { vRovingToolbar } from '../composables/rovingToolbar'`. */
export const vRovingToolbar: Directive<HTMLElement> = {
  mounted(el) {
    el.addEventListener('keydown', onKeydown);
    el.addEventListener('focusin', onFocusin);
    settle(el);
  },
  updated: (el) => settle(el), // buttons come and go (table tools)
  unmounted(el) {
    el.removeEventListener('keydown', onKeydown);
    el.removeEventListener('focusin', onFocusin);
  },
};
