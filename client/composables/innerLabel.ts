/**
 * `v-inner-label="{ selector, label }"`: names a control that a library renders inside a
 * component without a way to label it (Element Plus's pagination page-size select has no
 * aria-label prop). Re-applied after every update, since the inner element can be re-rendered.
 */
import type { Directive } from 'vue';

/** Which inner element to name, and its accessible name. */
export interface InnerLabel {
  selector: string;
  label: string;
}

function apply(el: HTMLElement, { selector, label }: InnerLabel): void {
  for (const target of el.querySelectorAll(selector)) target.setAttribute('aria-label', label);
}

/** Register locally: `import { vInnerLabel } from '../../composables/innerLabel'`. */
export const vInnerLabel: Directive<HTMLElement, InnerLabel> = {
  mounted: (el, binding) => apply(el, binding.value),
  updated: (el, binding) => apply(el, binding.value),
};
