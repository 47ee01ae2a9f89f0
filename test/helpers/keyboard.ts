/**
 * Keyboard-only helpers for Chromium tests: where focus is, whether it can be seen (a computed
 * outline or box-shadow on the focused element or on the widget part that draws its ring) and
 * whether the sticky header covers it; and Tab until focus reaches a selector.
 */
import type { Page } from 'playwright-core';

/** What a sighted keyboard user and a screen reader know about the focused element. */
export interface FocusState {
  tag: string;
  testId: string | null;
  role: string | null;
  name: string | null;
  text: string;
  /** A visible focus indicator: outline (style not none, width > 0) or a box-shadow. */
  ring: boolean;
  /** The sticky header is drawn over the focused element. */
  underHeader: boolean;
  /** `selector` matched the focused element or one of its ancestors. */
  within: boolean;
}

/** Describes document.activeElement; `selector` is checked with closest(). */
export function focused(page: Page, selector = ':root'): Promise<FocusState> {
  return page.evaluate((sel) => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'BODY', testId: null, role: null, name: null, text: '', ring: false, underHeader: false, within: false };
    const drawn = (node: Element | null): boolean => {
      if (!node) return false;
      const s = getComputedStyle(node);
      return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
    };
    // Element Plus draws a field's ring on its wrapper, and a checkbox's on the box beside the hidden input.
    const ringHost = el.closest('.el-input__wrapper, .el-select__wrapper') ?? (el.matches('.el-checkbox__original, .el-radio__original, .el-radio-button__original-radio') ? el.nextElementSibling : null);
    // Covered: what is drawn at the element's centre is the sticky header, not the element.
    const rect = el.getBoundingClientRect();
    const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + Math.min(rect.height / 2, 10));
    const header = document.querySelector('.yz-header');
    return {
      tag: el.tagName,
      testId: el.closest('[data-testid]')?.getAttribute('data-testid') ?? null,
      role: el.getAttribute('role'),
      name: el.getAttribute('aria-label'),
      text: (el.innerText ?? '').trim().slice(0, 200),
      ring: drawn(el) || drawn(ringHost),
      underHeader: !!(header && hit && header.contains(hit) && !header.contains(el) && !el.contains(hit)),
      within: !!el.closest(sel),
    };
  }, selector);
}

/** Presses Tab (or Shift+Tab) until focus is inside `selector`; fails after `max` presses. */
export async function tabTo(page: Page, selector: string, { max = 60, back = false } = {}): Promise<FocusState> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const state = await focused(page, selector);
    if (state.within) return state;
  }
  const last = await focused(page, selector);
  throw new Error(`focus never reached ${selector} in ${max} presses (last: ${last.tag} ${last.testId ?? ''} "${last.text.slice(0, 40)}")`);
}
