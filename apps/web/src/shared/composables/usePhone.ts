import { onBeforeUnmount, ref, type Ref } from 'vue';

/** Below this width the app uses its phone layout (drawer menu, cards, one column). */
export const PHONE_MAX_WIDTH = 767.98;
const QUERY = `(max-width: ${PHONE_MAX_WIDTH}px)`;

/**
 * True while the window is phone-sized. Components use it where CSS alone cannot
 * change what is rendered (a card list instead of a table, one kanban column).
 */
export function usePhone(): Ref<boolean> {
  const phone = ref(false);
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return phone;
  const media = window.matchMedia(QUERY);
  phone.value = media.matches;
  const update = (event: MediaQueryListEvent) => (phone.value = event.matches);
  media.addEventListener('change', update);
  onBeforeUnmount(() => media.removeEventListener('change', update));
  return phone;
}
