import { onBeforeUnmount, ref } from 'vue';

/** A clock that ticks every second while the component lives (for countdowns). */
export function useNow() {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), 1000);
  onBeforeUnmount(() => clearInterval(timer));
  return now;
}
